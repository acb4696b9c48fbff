/* crm-demo-rows: the rows of N demo persons and N/5 companies as tab-separated
 * files for LOAD DATA (conf/demo-data.sh), with every derived value made by
 * the code the application uses, so the demo rows are what saving them in the
 * CRM would store: name_norm by text_normalize (party_db.c), the phone book's
 * terms by party_field_terms and party_channel_terms (party_search.c, as
 * party_derived_rebuild writes them), the first mobile and email kept on the row.
 *   crm-demo-rows DIR N FIRST_ID TAG
 * Ids run from FIRST_ID + 1: persons first, then companies. Writes
 * DIR/{parties,persons,companies,channels,search}.tsv. The default country
 * code comes from the configuration, as in the modules. */
#include "config/config.h"
#include "core/core.h"
#include "i18n/i18n.h"
#include "../parties/parties.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const first_names[] = { "علی", "زهرا", "محمد", "فاطمه", "رضا", "مریم", "حسین", "سارا", "مهدی", "نرگس",
					   "Ahmet", "Ayşe", "Mehmet", "Elif", "Mustafa", "Zeynep", "Emre", "Selin", "Burak",
					   "Deniz", "John", "Mary", "David", "Sarah", "Michael", "Emma", "James", "Olivia",
					   "Daniel", "Sophia" };
static const char *const last_names[] = { "احمدی", "حسینی", "کریمی", "رضایی", "موسوی", "محمدی", "جعفری", "کاظمی", "رحیمی",
					  "نوری", "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın",
					  "Arslan", "Doğan", "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies",
					  "Evans", "Thomas", "Roberts", "Walker" };
static const char *const company_names[] = { "پارس", "آریا", "نوین", "سپهر", "البرز", "Anadolu", "Marmara", "Ege",
					     "Boğaziçi", "Atlas", "Northwind", "Contoso", "Fabrikam", "Acme", "Globex" };
static const char *const company_suffixes[] = { "صنعت", "تجارت", "گستر", "Ticaret", "Sanayi",
						"Holding", "Trading", "Systems", "Group", "Foods" };

enum { F_PARTIES, F_PERSONS, F_COMPANIES, F_CHANNELS, F_SEARCH, NFILES };
static const char *const file_names[NFILES] = { "parties.tsv", "persons.tsv", "companies.tsv", "channels.tsv",
						"search.tsv" };
static FILE *out[NFILES];

/* One field for LOAD DATA's default format: backslash, tab and newline escaped. */
static void field(FILE *f, const char *s, int last)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '\t' || *s == '\n')
			fputc('\\', f);
		fputc(*s == '\t' ? 't' : *s == '\n' ? 'n' : *s, f);
	}
	fputc(last ? '\n' : '\t', f);
}

/* The first max characters of s, as the SQL LEFT(?, max) the modules write with. */
static void utf8_truncate(const char *s, char *dst, size_t dstlen, size_t max)
{
	size_t n = 0, chars = 0;

	for (; s[n] && n + 1 < dstlen; n++) {
		if (((unsigned char)s[n] & 0xC0) != 0x80 && chars++ == max)
			break;
	}
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--; /* never half a character */
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/* The terms of one party, each once (party_search's key is party, term, kind). */
#define TERMS_MAX 32
struct terms {
	char kind[TERMS_MAX];
	char term[TERMS_MAX][192 * 4];
	int n;
};

static int term_add(void *ctx, char kind, const char *term)
{
	struct terms *t = ctx;
	char cut[192 * 4];

	if (!term[0])
		return CRM_OK;
	if (t->n >= TERMS_MAX)
		return CRM_ETOOBIG; /* the generated parties have a handful */
	utf8_truncate(term, cut, sizeof(cut), 191); /* LEFT(?, 191) */
	for (int i = 0; i < t->n; i++)
		if (t->kind[i] == kind && !strcmp(t->term[i], cut))
			return CRM_OK;
	t->kind[t->n] = kind;
	snprintf(t->term[t->n], sizeof(t->term[0]), "%s", cut);
	t->n++;
	return CRM_OK;
}

static int party(long long id, const char *kind, const char *code, const char *name, int priority, int active,
		 const char *default_cc)
{
	char norm[512], mobile[16], email[64] = "", key[256], num[32];
	static struct terms t; /* 24 KB: off the stack */

	t.n = 0;

	if (text_normalize(name, norm, sizeof(norm)) != CRM_OK)
		return CRM_EINVAL;
	/* one mobile per party, unique: 09 then nine digits from the id */
	snprintf(mobile, sizeof(mobile), "09%09lld", id * 7 % 1000000000);
	if (id % 3 == 0)
		snprintf(email, sizeof(email), "contact%lld@example.com", id);

	if (party_field_terms(name, code, "", "", term_add, &t) != CRM_OK ||
	    party_channel_terms("mobile", mobile, "", "", default_cc, term_add, &t) != CRM_OK ||
	    (email[0] && party_channel_terms("email", email, "", "", default_cc, term_add, &t) != CRM_OK))
		return CRM_ERR;

	snprintf(num, sizeof(num), "%lld", id);
	field(out[F_PARTIES], num, 0);
	field(out[F_PARTIES], kind, 0);
	field(out[F_PARTIES], code, 0);
	field(out[F_PARTIES], name, 0);
	utf8_truncate(norm, key, sizeof(key), 255); /* LEFT(?, 255) */
	field(out[F_PARTIES], key, 0);
	fprintf(out[F_PARTIES], "%d\t%d\t", priority, active);
	field(out[F_PARTIES], mobile, 0); /* primary_phone and primary_email, as party_derived_rebuild keeps them */
	field(out[F_PARTIES], email, 1);
	fprintf(out[F_CHANNELS], "%s\tmobile\t%s\t1\n", num, mobile);
	if (email[0])
		fprintf(out[F_CHANNELS], "%s\temail\t%s\t1\n", num, email);
	for (int i = 0; i < t.n; i++) {
		fprintf(out[F_SEARCH], "%s\t%c\t", num, t.kind[i]);
		field(out[F_SEARCH], t.term[i], 1);
	}
	return CRM_OK;
}

int main(int argc, char **argv)
{
	struct crm_config cfg;
	char err[256], path[1024], code[64], name[256];
	long long n, first, c;
	int rc = CRM_OK;

	if (argc != 5 || (n = atoll(argv[2])) < 1 || (first = atoll(argv[3])) < 0) {
		fprintf(stderr, "usage: crm-demo-rows DIR N FIRST_ID TAG\n");
		return 2;
	}
	if (config_load(&cfg, NULL, err, sizeof(err)) != CRM_OK) {
		fprintf(stderr, "configuration: %s\n", err);
		return 1;
	}
	for (int i = 0; i < NFILES; i++) {
		snprintf(path, sizeof(path), "%s/%s", argv[1], file_names[i]);
		if (!(out[i] = fopen(path, "w"))) {
			fprintf(stderr, "%s: %s\n", path, strerror(errno));
			return 1;
		}
	}
	c = n / 5 > 0 ? n / 5 : 1;
	for (long long seq = 1; rc == CRM_OK && seq <= n; seq++) {
		const char *f = first_names[seq % 30], *l = last_names[(seq / 30) % 30];
		long long id = first + seq;

		snprintf(code, sizeof(code), "D%s-%lld", argv[4], seq);
		snprintf(name, sizeof(name), "%s %s", f, l); /* display_name of party_db.c: first, space, last */
		rc = party(id, "person", code, name, seq % 20 == 0 ? (int)(1 + seq % 5) : 0, seq % 17 != 0,
			   cfg.default_country_code);
		fprintf(out[F_PERSONS], "%lld\t%s\t%s\n", id, f, l);
	}
	for (long long seq = 1; rc == CRM_OK && seq <= c; seq++) {
		long long id = first + n + seq;

		snprintf(code, sizeof(code), "C%s-%lld", argv[4], seq);
		snprintf(name, sizeof(name), "%s %s %lld", company_names[seq % 15], company_suffixes[(seq / 15) % 10], seq);
		rc = party(id, "company", code, name, seq % 10 == 0 ? 5 : 0, 1, cfg.default_country_code);
		fprintf(out[F_COMPANIES], "%lld\n", id);
	}
	for (int i = 0; i < NFILES; i++)
		if (fclose(out[i]) != 0)
			rc = CRM_ERR;
	config_free(&cfg);
	if (rc != CRM_OK)
		fprintf(stderr, "crm-demo-rows: could not make the rows\n");
	return rc == CRM_OK ? 0 : 1;
}

/* Creating and editing persons and companies. */
#include "i18n/i18n.h"
#include "core/core.h"
#include "render/render.h"
#include "domain/domain.h"
#include "parties.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void read_text(struct req *r, const char *field, size_t maxchars, char *out, size_t outlen, int required)
{
	int rc = req_text(r, field, maxchars, out, outlen);

	if (rc == CRM_ETOOBIG)
		form_too_long(r, field, maxchars);
	else if (rc == CRM_ENOTFOUND && required)
		form_error(r, field, "parties.err.required");
}

/* The parent company, typed as its code: a live company the user may see, not this one.
 * A cycle (a parent below this company) is found under lock when saving. */
static void read_parent(struct req *r, struct party_input *in)
{
	char typed[33];

	if (!req_param(r, "parent_code"))
		return; /* not on the form: the stored parent stays */
	in->parent_given = 1;
	int rc = req_text(r, "parent_code", 32, typed, sizeof(typed));

	if (rc == CRM_ETOOBIG) {
		form_too_long(r, "parent_code", 32);
		return;
	}
	if (rc != CRM_OK || !typed[0])
		return;
	if (text_normalize(typed, in->parent_code, sizeof(in->parent_code)) != CRM_OK) {
		form_too_long(r, "parent_code", 32);
		return;
	}
	rc = party_company_in_scope(r, in->parent_code, &in->parent_id);
	if (rc == CRM_ENOTFOUND)
		form_error(r, "parent_code", "parties.err.no_such_company");
	else if (rc != CRM_OK)
		form_error(r, "parent_code", "parties.err.lookup_failed");
	else if (in->id && in->parent_id == in->id)
		form_error(r, "parent_code", "parties.err.parent_cycle");
}

static int email_ok(const char *s)
{
	const char *at = strchr(s, '@');

	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.') || at[1] == '.' || s[strlen(s) - 1] == '.')
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || strchr("<>()[],;:\"\\", *s))
			return 0;
	return 1;
}

/* The details, read by the engine over what is stored (a deactivated entry the record holds
 * stays); their errors join the form's. */
static int details_read(struct req *r, struct party_input *in, int creating)
{
	struct rec_input input = rec_input_req(r);
	int rc = CRM_OK;

	in->details_e = party_details(r, in->kind);
	if (!in->details_e)
		return CRM_ERR;
	rec_init(&in->details, in->details_e);
	if (!creating)
		rc = rec_load(r, in->details_e, in->id, "edit", &in->details);
	if (rc == CRM_OK)
		rc = rec_read(r, in->details_e, &input, creating, &in->details, &in->details_err);
	if (rc == CRM_OK && in->details_err.n)
		rc = rec_errors_hdf(r, in->details_e, &in->details_err);
	return rc;
}

/* The details' part of the form: the stored record's (id), or an empty one (0). */
static int details_form(struct req *r, const char *kind, long long id)
{
	struct rec rec;
	int rc = party_details_load(r, kind, id, "edit", &rec);

	if (rc == CRM_OK)
		rc = rec_form_hdf(r, rec.e, &rec, NULL, !id);
	rec_free(&rec);
	return rc;
}

int party_input_read(struct req *r, struct party_input *in, int creating)
{
	char code[33];
	int rc;

	read_text(r, "code", 32, code, sizeof(code), 0);
	if (code[0] && text_normalize(code, in->code, sizeof(in->code)) != CRM_OK)
		form_too_long(r, "code", 32);
	if (!creating && !in->code[0])
		form_error(r, "code", "parties.err.required");
	if (!strcmp(in->kind, "company"))
		read_parent(r, in);
	rc = details_read(r, in, creating);
	if (rc != CRM_OK)
		return rc;
	if (creating) {
		read_text(r, "mobile", 40, in->first_mobile, sizeof(in->first_mobile), 0);
		read_text(r, "email", 255, in->first_email, sizeof(in->first_email), 0);
		if (in->first_mobile[0]) {
			char key[64];

			if (phone_search_key(in->first_mobile, key, sizeof(key)) != CRM_OK)
				form_error(r, "mobile", "parties.err.phone");
		}
		if (in->first_email[0] && !email_ok(in->first_email))
			form_error(r, "email", "parties.err.email");
	}
	return CRM_OK;
}

/* The form shows Edit.*: from the stored party, or from what was typed. */
static int edit_from_request(struct req *r, const struct party_input *in)
{
	static const char *const fields[] = { "code", "mobile", "email", "parent_code" };
	char key[64];

	for (size_t i = 0; i < CRM_ARRAY_LEN(fields); i++) {
		snprintf(key, sizeof(key), "Edit.%s", fields[i]);
		if (hdf_put(r, key, req_param(r, fields[i])) != CRM_OK)
			return CRM_ERR;
	}
	if (hdf_put(r, "Edit.kind", in->kind) || (in->id && (hdf_putf(r, "Edit.id", "%lld", in->id) ||
							     hdf_putf(r, "Edit.version", "%lld", in->version))))
		return CRM_ERR;
	/* the details as typed, with their messages */
	if (in->details_e &&
	    rec_form_hdf(r, in->details_e, &in->details, &in->details_err, in->id == 0) != CRM_OK)
		return CRM_ERR;
	/* a parent the form could not show stays hidden on the form shown again */
	if (!strcmp(in->kind, "company") && in->id && !in->parent_given)
		return hierarchy_parent_edit(r, in->id);
	return CRM_OK;
}

/* Stored party -> Edit.* (dates in the user's calendar). */
static int edit_from_party(struct req *r)
{
	NEOERR *err = hdf_copy(r->hdf, "Edit", hdf_get_obj(r->hdf, "Party"));
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return CRM_ERR;
	}
	return CRM_OK;
}

void party_input_free(struct party_input *in)
{
	rec_free(&in->details);
	free(in);
}

static void parent_refused(struct req *r, const struct party_input *in)
{
	form_error(r, "parent_code", in->parent_cycle == 2   ? "parties.err.parent_deep"
				     : in->parent_cycle == 3 ? "parties.err.no_such_company"
							     : "parties.err.parent_cycle");
}

static int show_form(struct req *r, int status)
{
	r->status = status;
	return render(r, "parties/form.cs");
}

int party_new_form(struct req *r)
{
	const char *kind = strstr(r->path, "/company/") ? "company" : "person";
	int rc = party_form_choices(r);

	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (hdf_put(r, "Edit.kind", kind) != CRM_OK || details_form(r, kind, 0) != CRM_OK)
		return reply_error(r, 500);
	return show_form(r, 200);
}

int party_edit_form(struct req *r)
{
	long long id;
	int rc;

	if (req_int(r, "id", 1, INT64_MAX, &id) != CRM_OK)
		return reply_error(r, 400);
	rc = party_form_choices(r);
	if (rc == CRM_OK)
		rc = party_db_load(r, id, "edit");
	if (rc != CRM_OK)
		return reply_db_error(r, rc);
	if (edit_from_party(r) != CRM_OK || details_form(r, hdf_get_value(r->hdf, "Party.kind", "person"), id) != CRM_OK)
		return reply_error(r, 500);
	if (!strcmp(hdf_get_value(r->hdf, "Party.kind", ""), "company") && hierarchy_parent_edit(r, id) != CRM_OK)
		return reply_error(r, 500);
	return show_form(r, 200);
}

int party_create(struct req *r)
{
	struct party_input *in = calloc(1, sizeof(*in));
	const char *kind = req_param(r, "kind");
	char next[64];
	int rc, dups = 0;

	if (!in)
		return reply_error(r, 500);
	if (!kind || (strcmp(kind, "person") && strcmp(kind, "company"))) {
		party_input_free(in);
		return reply_error(r, 400);
	}
	snprintf(in->kind, sizeof(in->kind), "%s", kind);
	rc = party_form_choices(r);
	if (rc != CRM_OK) {
		party_input_free(in);
		return reply_db_error(r, rc);
	}
	rc = party_input_read(r, in, 1);
	if (rc != CRM_OK) {
		party_input_free(in);
		return reply_db_error(r, rc);
	}
	if (!form_failed(r)) {
		rc = party_db_duplicates(r, in, in->first_mobile, in->first_email, &dups);
		if (rc != CRM_OK) {
			party_input_free(in);
			return reply_db_error(r, rc);
		}
	}
	if (form_failed(r) || (dups > 0 && !req_param(r, "confirm_duplicate"))) {
		/* bad input, or a likely duplicate the user has not confirmed: show it, save nothing */
		rc = edit_from_request(r, in);
		party_input_free(in);
		if (rc != CRM_OK)
			return reply_error(r, 500);
		return show_form(r, form_failed(r) ? 422 : 409);
	}
	rc = party_db_create(r, in);
	if (rc == CRM_EINVAL && in->parent_cycle) {
		parent_refused(r, in);
		rc = edit_from_request(r, in);
		party_input_free(in);
		return rc != CRM_OK ? reply_error(r, 500) : show_form(r, 422);
	}
	if (rc == CRM_ECONFLICT) {
		form_error(r, "code", "parties.err.code_taken");
		rc = edit_from_request(r, in);
		party_input_free(in);
		return rc != CRM_OK ? reply_error(r, 500) : show_form(r, 409);
	}
	if (rc != CRM_OK) {
		party_input_free(in);
		return reply_db_error(r, rc);
	}
	snprintf(next, sizeof(next), "/parties/party?id=%lld&saved=1", in->id);
	party_input_free(in);
	return resp_redirect(r, next);
}

int party_update(struct req *r)
{
	struct party_input *in = calloc(1, sizeof(*in));
	char next[64];
	int rc;

	if (!in)
		return reply_error(r, 500);
	if (req_int(r, "id", 1, INT64_MAX, &in->id) != CRM_OK || req_int(r, "version", 1, INT64_MAX, &in->version) != CRM_OK) {
		party_input_free(in);
		return reply_error(r, 400);
	}
	rc = party_form_choices(r);
	if (rc == CRM_OK)
		rc = party_db_load(r, in->id, "edit"); /* scope: not yours to edit = not found */
	if (rc != CRM_OK) {
		party_input_free(in);
		return reply_db_error(r, rc);
	}
	snprintf(in->kind, sizeof(in->kind), "%s", hdf_get_value(r->hdf, "Party.kind", "person"));
	rc = party_input_read(r, in, 0);
	if (rc != CRM_OK) {
		party_input_free(in);
		return reply_db_error(r, rc);
	}
	if (!form_failed(r))
		rc = party_db_update(r, in);
	if (rc == CRM_EINVAL && in->parent_cycle) {
		parent_refused(r, in);
		rc = CRM_OK;
	}
	if (!form_failed(r) && rc == CRM_OK) {
		snprintf(next, sizeof(next), "/parties/party?id=%lld&saved=1", in->id);
		party_input_free(in);
		return resp_redirect(r, next);
	}
	if (rc == CRM_ECONFLICT) {
		/* stale version or a taken code; reload what is stored now and show both */
		if (party_db_load(r, in->id, "edit") != CRM_OK || hdf_put(r, "Form.conflict", "1")) {
			party_input_free(in);
			return reply_error(r, 500);
		}
		if (hdf_get_int_value(r->hdf, "Party.version", 0) == in->version)
			form_error(r, "code", "parties.err.code_taken");
		else
			in->version = hdf_get_int_value(r->hdf, "Party.version", 0);
	} else if (rc != CRM_OK && !form_failed(r)) {
		party_input_free(in);
		return reply_db_error(r, rc);
	}
	rc = edit_from_request(r, in);
	party_input_free(in);
	if (rc != CRM_OK)
		return reply_error(r, 500);
	return show_form(r, hdf_get_int_value(r->hdf, "Form.conflict", 0) ? 409 : 422);
}

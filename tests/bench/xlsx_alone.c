/* The export benchmark's baseline: libxlsxwriter alone (constant-memory mode)
 * writing the same cells the CRM exported, read from that export's CSV.
 * Prints the seconds the writing took (the CSV is read and parsed first). */
#include "core/core.h"
#include "io/io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

struct rows {
	char ***cells;
	size_t *ncells;
	size_t n, cap;
};

static int keep(void *ctx, size_t line, const char *const *f, size_t n)
{
	struct rows *r = ctx;

	(void)line;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 1024;
		r->cells = realloc(r->cells, r->cap * sizeof(*r->cells));
		r->ncells = realloc(r->ncells, r->cap * sizeof(*r->ncells));
		if (!r->cells || !r->ncells)
			return CRM_ERR;
	}
	r->cells[r->n] = malloc(n * sizeof(char *));
	if (!r->cells[r->n])
		return CRM_ERR;
	for (size_t i = 0; i < n; i++)
		if (!(r->cells[r->n][i] = strdup(f[i])))
			return CRM_ERR;
	r->ncells[r->n++] = n;
	return CRM_OK;
}

int main(int argc, char **argv)
{
	struct rows rows = { 0 };
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	struct timespec a, b;
	size_t len, bad;
	char *text;
	FILE *in;

	if (argc != 3) {
		fprintf(stderr, "usage: xlsx_alone export.csv out.xlsx\n");
		return 2;
	}
	in = fopen(argv[1], "rb");
	if (!in || fseek(in, 0, SEEK_END) != 0 || (len = (size_t)ftell(in)) == 0 || fseek(in, 0, SEEK_SET) != 0)
		return 1;
	text = malloc(len);
	if (!text || fread(text, 1, len, in) != len)
		return 1;
	fclose(in);
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) /* the export's BOM */
		memmove(text, text + 3, len -= 3);
	if (csv_parse(text, len, ',', keep, &rows, &bad) != CRM_OK)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &a);
	lxw_workbook *wb = workbook_new_opt(argv[2], &opt);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, NULL) : NULL;
	if (!ws)
		return 1;
	for (size_t r = 0; r < rows.n; r++)
		for (size_t c = 0; c < rows.ncells[r]; c++)
			if (rows.cells[r][c][0] &&
			    worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, rows.cells[r][c], NULL) != LXW_NO_ERROR)
				return 1;
	if (workbook_close(wb) != LXW_NO_ERROR)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &b);
	for (size_t r = 0; r < rows.n; r++) {
		for (size_t c = 0; c < rows.ncells[r]; c++)
			free(rows.cells[r][c]);
		free(rows.cells[r]);
	}
	free(rows.cells);
	free(rows.ncells);
	free(text);
	printf("%.3f %zu\n", (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9, rows.n);
	return 0;
}

/* Uploaded files: the type judged from the bytes, and the client's name made safe to show. */
#include "core/core.h"
#include "files/files.h"
#include "test.h"

#define SNIFF(lit, name, allowed) file_sniff(lit, sizeof(lit) - 1, name, allowed)

static void test_sniff_images(void)
{
	CHECK_STR(SNIFF("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "a.png", FILE_IMAGE), "image/png");
	CHECK_STR(SNIFF("\xff\xd8\xff\xe0\0\x10JFIF", "a.jpg", FILE_IMAGE), "image/jpeg");
	CHECK_STR(SNIFF("GIF89a\x01\0\x01\0", "a.gif", FILE_IMAGE), "image/gif");
	CHECK_STR(SNIFF("RIFF\x24\0\0\0WEBPVP8 ", "a.webp", FILE_IMAGE), "image/webp");
	/* the name never makes a picture of something else */
	CHECK(SNIFF("%PDF-1.4\n", "logo.png", FILE_IMAGE) == NULL);
	CHECK(SNIFF("<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.svg", FILE_IMAGE) == NULL);
	CHECK(SNIFF("RIFF\x24\0\0\0WAVEfmt ", "a.webp", FILE_IMAGE) == NULL);
}

static void test_sniff_documents(void)
{
	CHECK_STR(SNIFF("%PDF-1.7\n", "x", FILE_DOCUMENT), "application/pdf");
	CHECK_STR(SNIFF("PK\x03\x04\x14\0", "Offer.DOCX", FILE_DOCUMENT),
		  "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
	CHECK_STR(SNIFF("PK\x03\x04\x14\0", "prices.ods", FILE_DOCUMENT), "application/vnd.oasis.opendocument.spreadsheet");
	CHECK_STR(SNIFF("PK\x03\x04\x14\0", "photos.zip", FILE_DOCUMENT), "application/zip");
	CHECK_STR(SNIFF("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0", "old.xls", FILE_DOCUMENT), "application/vnd.ms-excel");
	CHECK(SNIFF("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0", "setup.msi", FILE_DOCUMENT) == NULL);
	CHECK_STR(SNIFF("\xef\xbb\xbf" "code;name\r\n1;\xd8\xb9\xd9\x84\xdb\x8c\r\n", "list.csv", FILE_DOCUMENT),
		  "text/csv; charset=utf-8");
	CHECK_STR(SNIFF("plain words", "readme", FILE_DOCUMENT), "text/plain; charset=utf-8");
	CHECK(SNIFF("caf\xe9", "latin1.txt", FILE_DOCUMENT) == NULL);  /* not UTF-8 */
	CHECK(SNIFF("a\0b", "nul.txt", FILE_DOCUMENT) == NULL);
	CHECK(SNIFF("\x7f" "ELF\x02\x01\x01", "tool", FILE_DOCUMENT | FILE_IMAGE) == NULL);
	CHECK(SNIFF("MZ\x90\0", "invoice.pdf.exe", FILE_DOCUMENT) == NULL);
	CHECK(SNIFF("\x89PNG\r\n\x1a\n", "a.png", FILE_DOCUMENT) == NULL); /* pictures only where asked for */
	CHECK(file_sniff("", 0, "empty.txt", FILE_DOCUMENT) == NULL);
}

static void test_name_clean(void)
{
	char out[256], small[8];

	file_name_clean("C:\\Users\\ali\\Desktop\\\xd9\x82\xd8\xb1\xd8\xa7\xd8\xb1\xd8\xaf\xd8\xa7\xd8\xaf.pdf", out, sizeof(out));
	CHECK_STR(out, "\xd9\x82\xd8\xb1\xd8\xa7\xd8\xb1\xd8\xaf\xd8\xa7\xd8\xaf.pdf");
	file_name_clean("../../etc/passwd", out, sizeof(out));
	CHECK_STR(out, "passwd");
	file_name_clean("a\r\nb\x01.txt", out, sizeof(out));
	CHECK_STR(out, "ab.txt");
	file_name_clean("dir/", out, sizeof(out));
	CHECK_STR(out, "file");
	file_name_clean("..", out, sizeof(out));
	CHECK_STR(out, "file");
	file_name_clean(NULL, out, sizeof(out));
	CHECK_STR(out, "file");
	/* cut at a character boundary: 3 two-byte letters fit in 7 bytes, the fourth does not */
	file_name_clean("\xd8\xa7\xd8\xa8\xd8\xaa\xd8\xab", small, sizeof(small));
	CHECK_STR(small, "\xd8\xa7\xd8\xa8\xd8\xaa");
	file_name_clean("ab\xd8", small, sizeof(small)); /* a broken tail is dropped */
	CHECK_STR(small, "ab");
}

const struct test_case files_tests[] = {
	{ "files_sniff_images", test_sniff_images },
	{ "files_sniff_documents", test_sniff_documents },
	{ "files_name_clean", test_name_clean },
	{ NULL, NULL },
};

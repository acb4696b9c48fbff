/* Which of the three languages a request reads, as the position of its column in every
 * translated set (name_fa, name_en, name_tr; label_fa, ...): one place decides it for C and SQL. */
#include "i18n.h"

#include <string.h>

const char *const lang_codes[LANG_SLOTS] = { "fa", "en", "tr" };

unsigned lang_slot(const char *lang)
{
	for (unsigned i = 0; lang && i < LANG_SLOTS; i++)
		if (!strcmp(lang, lang_codes[i]))
			return i;
	return LANG_FA;
}

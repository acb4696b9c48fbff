/* Checksums of national identifiers, for validation on input. */
#ifndef CRM_NATIONAL_ID_H
#define CRM_NATIONAL_ID_H

/* Iranian national code (code-e melli): 10 digits, last one a check digit. */
int iran_national_code_valid(const char *s);
/* Iranian legal-entity national ID (shenase-ye melli): 11 digits with check digit. */
int iran_legal_id_valid(const char *s);
/* Turkish identity number (TC Kimlik No): 11 digits, two check digits. */
int turkish_tckn_valid(const char *s);

#endif

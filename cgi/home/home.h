/* Module home: the start page, the job pages (libcrm) and the benchmark's floor. */
#ifndef CRM_HOME_H
#define CRM_HOME_H

#include "http/http.h"

/* GET /home/ (start.c) */
int start_page(struct req *r);

#endif

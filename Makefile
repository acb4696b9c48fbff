# The whole build. `make run`, `make check` and `make test` are the commands; see README.md.
# MODE=release (default) builds into build/release; MODE=test adds ASan+UBSan into build/test.
MODE ?= release
BUILD := build/$(MODE)
# The module registry names every module (README, Modules).
space := $(subst ,, )
MODULES := $(shell awk 'NF && substr($$1, 1, 1) != "\043" {print $$1}' conf/modules)

CC ?= cc
PKGS := fcgi libmariadb libgcrypt icu-i18n icu-uc xlsxwriter jansson
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# ClearSilver ships static libraries without a pkg-config file.
CS_CFLAGS := -I/usr/include/ClearSilver
CS_LIBS := -lneo_cgi -lneo_cs -lneo_utl -lz

# Kept at zero in every build (release and test, tests' C too).
WARN := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wmissing-prototypes -Wstrict-prototypes -Wvla -Wcast-qual \
	-Wwrite-strings
BASE_CFLAGS := -std=c11 -D_DEFAULT_SOURCE -Icgi/lib $(WARN) $(CS_CFLAGS) $(PKG_CFLAGS) -MMD -MP
ifeq ($(MODE),test)
  # pattern-filled locals make a read of an unset one show (under ASan) instead of passing by luck
  OPT := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -ftrivial-auto-var-init=pattern
else
  # hardened: stack canaries, checked libc calls (FORTIFY needs -O1 or more), read-only relocations
  OPT := -O2 -g -fstack-protector-strong -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2
  HARDEN_LD := -Wl,-z,relro,-z,now
endif
CFLAGS_ALL := $(BASE_CFLAGS) $(OPT) $(CFLAGS)
LDFLAGS_ALL := $(OPT) $(HARDEN_LD) $(LDFLAGS)
LIBS := $(CS_LIBS) $(PKG_LIBS) -lpthread

LIB_SRC := $(wildcard cgi/lib/*/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
LIBCRM := $(BUILD)/libcrm.a
BINS := $(MODULES:%=$(BUILD)/bin/%.fcgi) $(BUILD)/bin/crmctl $(BUILD)/bin/crm-worker $(BUILD)/bin/crm-demo-rows
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_BIN := $(BUILD)/bin/unit_tests
TPL_BIN := $(BUILD)/bin/template_tests

.PHONY: layers all build run stop test check fuzz deps deps-test clean unit-tests demo-data backup restore bench deps-bench
all: build
build: layers $(BINS) $(BUILD)/apache-cgi.htaccess

# The Apache example for shared hosting, with the registry's modules filled in.
$(BUILD)/apache-cgi.htaccess: conf/examples/apache-cgi.htaccess.in conf/modules
	@mkdir -p $(dir $@)
	@sed "s/@MODULES@/$(subst $(space),|,$(MODULES))/" $< > $@

# libcrm's areas include one another one way only (README, Layout).
layers:
	@bash tests/tools/check_layers.sh > /dev/null || bash tests/tools/check_layers.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC  $<"
	@$(CC) $(CFLAGS_ALL) -c $< -o $@

# The archive is made anew when its list of members changes, so a removed source leaves no stale member.
LIB_LIST := $(BUILD)/libcrm.objs
$(shell mkdir -p $(BUILD) && (echo '$(LIB_OBJ)' | cmp -s - $(LIB_LIST) || echo '$(LIB_OBJ)' > $(LIB_LIST)))
$(LIBCRM): $(LIB_OBJ) $(LIB_LIST)
	@mkdir -p $(dir $@)
	@rm -f $@ && ar rcs $@ $(LIB_OBJ)

define module_rule
$(BUILD)/bin/$(1).fcgi: $(patsubst %.c,$(BUILD)/%.o,$(wildcard cgi/$(1)/*.c)) $(LIBCRM)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(LDFLAGS_ALL) -o $$@ $$^ $$(LIBS)
endef
$(foreach m,$(MODULES),$(eval $(call module_rule,$(m))))

$(BUILD)/bin/crmctl: $(BUILD)/cgi/tools/crmctl.o $(LIBCRM)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

# The demo rows of conf/demo-data.sh, derived by the parties module's own search code (party_search.c).
$(BUILD)/bin/crm-demo-rows: $(BUILD)/cgi/tools/demo_rows.o $(BUILD)/cgi/parties/party_search.o $(LIBCRM)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

# The job worker daemon (README, Jobs). A kind named "<module>.<what>" in its handler table
# (cgi/worker/handlers.c) runs that registry module's own code: the worker links the module's
# objects, all but its main.c (the route table and main()).
WORKER_MODULES := $(filter $(MODULES),$(shell sed -n 's/^[[:space:]]*{ "\([a-z_]*\)\..*/\1/p' cgi/worker/handlers.c))
WORKER_MODULE_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(filter-out %/main.c,$(foreach m,$(WORKER_MODULES),$(wildcard cgi/$(m)/*.c))))
$(BUILD)/bin/crm-worker: $(patsubst %.c,$(BUILD)/%.o,$(wildcard cgi/worker/*.c)) $(WORKER_MODULE_OBJ) $(LIBCRM)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

$(UNIT_BIN): $(UNIT_SRC:%.c=$(BUILD)/%.o) $(LIBCRM)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

$(TPL_BIN): $(BUILD)/tests/templates/template_tests.o $(LIBCRM)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

$(BUILD)/bin/xlsx_alone: $(BUILD)/tests/bench/xlsx_alone.o $(LIBCRM)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

unit-tests: $(UNIT_BIN) $(TPL_BIN)

deps:
	bash conf/deps.sh run

deps-test:
	bash conf/deps.sh test

run: deps
	$(MAKE) build MODE=release
	bash conf/stack.sh start

stop:
	bash conf/stack.sh stop

test: deps-test
	$(MAKE) build unit-tests build/test/bin/xlsx_alone MODE=test
	bash tests/run.sh

# The quick loop (minutes): unit, template, language and HTTP/browser tests on one fresh stack in var/check,
# without backup, bench, scale and fuzzing. T=tests/http/parties.test.mjs runs that file (several: space
# separated); T=NAME runs the unit and template tests whose name holds NAME. See README, Tests.
check: deps-test
	$(MAKE) build unit-tests MODE=test
	bash tests/run.sh check $(T)

fuzz: deps-test
	FUZZ_SECONDS=$${FUZZ_SECONDS:-120} bash tests/fuzz/run.sh

# The benchmark of the running CRM at a million records (BENCH_QUICK=1: 50,000); see README, Performance.
bench: deps-bench
	$(MAKE) build $(BUILD)/bin/xlsx_alone MODE=release
	bash tests/bench/run.sh

deps-bench:
	bash conf/deps.sh bench

# Backups of the `make run` database and uploads into var/backups; restore one (a fresh backup first).
backup:
	bash conf/backup.sh backup
restore:
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/crm-....tar.gz"; exit 2; }
	bash conf/backup.sh restore $(FILE)

# Adds N demo persons (and N/5 companies) to the running `make run` database.
N ?= 1000
demo-data: $(BUILD)/bin/crm-demo-rows
	CRM_BUILD=$(CURDIR)/$(BUILD) bash conf/demo-data.sh $(CURDIR)/var/run/mysqld.sock $(N)

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)

# orderd - one non-recursive Makefile.
#
#   make [build]   build/specc (the spec compiler) and build/orderd
#   make gen       regenerate generated/ from spec/ and migrations/
#   make run       install what is missing, start private PostgreSQL and
#                  Redis under var/, migrate, serve on :8000 (+ worker and
#                  scheduler)
#   make test      the same set-up, then every unit and end-to-end test
#   make bench     wrk against the running stack, pgbench as the ceiling, and
#                  lists, reports and the scheduler at a million orders
#   make fuzz      build the libFuzzer targets with clang, run each for
#                  FUZZ_SECONDS (default 60)
#   make console   the staff console (web/console, node + web/node_modules)
#                  into build/console, which orderd serves at /console/
#   make fmt       clang-format every hand-written C file
#   make clean     remove build/ (not var/: `make services-stop` first)
#
# V=1 shows the commands; SANITIZE=1 builds into build/asan with
# AddressSanitizer and UndefinedBehaviorSanitizer (specc included).

.DEFAULT_GOAL := build
.SUFFIXES:
.DELETE_ON_ERROR:
.PRECIOUS: build/%

ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-7s %s\n' $(1) $(2)
endif

CC      ?= cc
RE2C    ?= re2c
OBJCOPY ?= objcopy
PKGS    := libmicrohttpd libpq hiredis jansson libjwt libcrypt libcurl libcrypto
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
# PostgreSQL's own SQL parser (libpg-query-dev, no .pc file): the compiler's.
PG_QUERY_LIBS := -lpg_query

ifeq ($(SANITIZE),1)
BUILD    := build/asan
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
OPT      := -O1 -g
else
BUILD    := build
SAN_FLAGS :=
OPT      := -O2 -g
endif

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS  ?= $(OPT)
# Each folder sees only what it may use: common/ itself, the compiler
# common/ and codegen/, the runtime and generated code common/, runtime/ and
# generated/ (tests see everything).
INCLUDES = -Icommon -Iruntime -Igenerated -Icodegen -I$(BUILD)/codegen
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SAN_FLAGS) \
             -MMD -MP $(INCLUDES) $(PKG_CFLAGS)
$(BUILD)/common/%.o: INCLUDES = -Icommon
$(BUILD)/codegen/%.o: INCLUDES = -Icommon -Icodegen -I$(BUILD)/codegen
$(BUILD)/runtime/%.o $(BUILD)/generated/%.o: INCLUDES = -Icommon -Iruntime -Igenerated
LDFLAGS_ALL := $(SAN_FLAGS) $(LDFLAGS)
LIBS    := $(PKG_LIBS) -lpthread -lm

# ------------------------------------------------------------- the sources
SPEC_API    := $(sort $(wildcard spec/*.api))
SPEC_SQL    := $(sort $(wildcard spec/*.sql))
MIGRATIONS  := $(sort $(wildcard migrations/*.sql))
GENERATED_C := $(patsubst spec/%.api,generated/%_api.c,$(SPEC_API)) \
               $(patsubst spec/%.sql,generated/%_sql.c,$(SPEC_SQL)) \
               generated/registry.c
GENERATED_H := $(patsubst spec/%.sql,generated/%_sql.h,$(SPEC_SQL)) generated/api.h
GENERATED   := $(GENERATED_C) $(GENERATED_H) generated/openapi.json \
               generated/postman_collection.json
.PRECIOUS: $(GENERATED)

# common/ holds what the compiler and the runtime share: the descriptor
# contract (rt_api.h, rt_names.def), errors, the arena and buffer, JSON and
# the field validator. Both link build/libcommon.a; neither reaches into the
# other's folder.
COMMON_SRC  := $(sort $(wildcard common/*.c))
RUNTIME_SRC := $(sort $(filter-out runtime/orderd.c,$(wildcard runtime/*.c)))
CODEGEN_SRC := $(sort $(filter-out codegen/specc.c,$(wildcard codegen/*.c)))
CODEGEN_RE  := $(sort $(wildcard codegen/*.re))
UNIT_SRC    := $(sort $(wildcard tests/unit/test_*.c))

COMMON_OBJ  := $(COMMON_SRC:%.c=$(BUILD)/%.o)
RUNTIME_OBJ := $(RUNTIME_SRC:%.c=$(BUILD)/%.o)
CODEGEN_OBJ := $(CODEGEN_SRC:%.c=$(BUILD)/%.o) $(CODEGEN_RE:codegen/%.re=$(BUILD)/codegen/%.o)
# generated/openapi.json is linked in as it is (see below).
GENERATED_OBJ := $(GENERATED_C:%.c=$(BUILD)/%.o) $(BUILD)/generated/openapi.o
UNIT_BIN    := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/unit/%)

SPECC  := $(BUILD)/specc
ORDERD := $(BUILD)/orderd

.PHONY: build gen gen-check run test test-asan bench fmt clean \
        deps services services-stop verify fuzz console FORCE
# The console is part of the build wherever it can be built: node and the
# npm packages of web/ (`make deps`) are there.
CONSOLE := build/console/console.manifest
CONSOLE_BUILDABLE := $(if $(shell command -v node 2>/dev/null),$(wildcard web/node_modules/esbuild))
build: $(ORDERD) $(SPECC) $(if $(CONSOLE_BUILDABLE),$(CONSOLE))

# ----------------------------------------------------------- spec compiler
# The lexer is written for re2c and generated at build time.
$(BUILD)/codegen/%.c: codegen/%.re
	$(call say,RE2C,$@)
	@mkdir -p $(@D)
	$(Q)$(RE2C) -W --no-generation-date --no-version -o $@ $<

$(BUILD)/codegen/%.o: $(BUILD)/codegen/%.c
	$(call say,CC,$@)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.c
	$(call say,CC,$@)
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libcodegen.a: $(CODEGEN_OBJ)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/libcommon.a: $(COMMON_OBJ)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/libruntime.a: $(RUNTIME_OBJ)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/libgenerated.a: $(GENERATED_OBJ)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

# With SANITIZE=1 specc is sanitized too (build/asan/specc), and so is
# every generation and `verify` that build runs.
$(SPECC): $(BUILD)/codegen/specc.o $(BUILD)/libcodegen.a $(BUILD)/libcommon.a
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PG_QUERY_LIBS) $(LIBS)

# generated/ depends on its inputs and on the generator itself. specc
# rewrites a file only when its content changes, so the outputs keep their
# times and only what changed recompiles; the stamp records when generated/
# was last brought up to date (one rule for all outputs, as a grouped
# target without touching them). A missing output forces a generation.
GEN_STAMP := $(BUILD)/generated.stamp
GEN_MISSING := $(filter-out $(wildcard $(GENERATED)),$(GENERATED))
gen: $(GENERATED)
$(GEN_STAMP): $(SPEC_API) $(SPEC_SQL) $(MIGRATIONS) $(SPECC) $(if $(GEN_MISSING),FORCE)
	$(call say,SPECC,generated/)
	@mkdir -p $(@D)
	$(Q)$(SPECC) gen --out generated $(MIGRATIONS) $(SPEC_SQL) $(SPEC_API)
	@touch $@
$(GENERATED): $(GEN_STAMP) ;
FORCE:

# Fails when generated/ is not what `make gen` makes (CI runs this).
gen-check: $(SPECC)
	$(Q)$(SPECC) gen --out generated $(MIGRATIONS) $(SPEC_SQL) $(SPEC_API)
	$(Q)git diff --exit-code --stat -- generated/ || \
	  { echo "generated/ is stale: run 'make gen' and commit it" >&2; exit 1; }

# Each generated object depends on its own source (and, through -MMD, on
# the headers it includes); the headers are brought up to date before any
# of them compiles.
$(GENERATED_OBJ) $(BUILD)/runtime/orderd.o: | $(GENERATED_H)

# The OpenAPI document exists once, as generated/openapi.json: its bytes
# become the read-only symbols api_openapi_json .. api_openapi_json_end
# (rt_api.h) of an object of their own, which /api/schema/ serves.
$(BUILD)/generated/openapi.o: generated/openapi.json
	$(call say,BLOB,$@)
	@mkdir -p $(@D)
	$(Q)cd generated && $(LD) -r -b binary -z noexecstack -o $(abspath $@) openapi.json
	$(Q)$(OBJCOPY) --rename-section .data=.rodata,alloc,load,readonly,data,contents \
	  --redefine-sym _binary_openapi_json_start=api_openapi_json \
	  --redefine-sym _binary_openapi_json_end=api_openapi_json_end \
	  --strip-symbol _binary_openapi_json_size $@

# ----------------------------------------------------------------- console
# The staff console (README, Console): web/console/build.mjs checks its
# TypeScript against the types of generated/openapi.json, takes the
# spec's field rules and transitions from it, bundles with esbuild and
# names the outputs by their content (the same inputs give the same
# bytes). Always build/console, whatever SANITIZE says: CONSOLE_DIR's
# default.
CONSOLE_SRC := $(sort $(wildcard web/console/src/*)) web/console/index.html \
               web/console/build.mjs web/console/tsconfig.json web/package-lock.json
console: $(CONSOLE)
$(CONSOLE): $(CONSOLE_SRC) generated/openapi.json
	$(call say,CONSOLE,build/console/)
	$(Q)node web/console/build.mjs build/console

# ------------------------------------------------------------------ orderd
$(ORDERD): $(BUILD)/runtime/orderd.o $(BUILD)/libruntime.a $(BUILD)/libgenerated.a \
           $(BUILD)/libcommon.a
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $(BUILD)/runtime/orderd.o \
	  -Wl,--start-group $(BUILD)/libruntime.a $(BUILD)/libgenerated.a $(BUILD)/libcommon.a \
	  -Wl,--end-group $(LIBS)

# ------------------------------------------------------------- unit tests
$(BUILD)/unit/%: $(BUILD)/tests/unit/%.o $(BUILD)/libcodegen.a $(BUILD)/libruntime.a \
                  $(BUILD)/libgenerated.a $(BUILD)/libcommon.a
	$(call say,LD,$@)
	@mkdir -p $(@D)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $< -Wl,--start-group $(BUILD)/libcodegen.a \
	  $(BUILD)/libruntime.a $(BUILD)/libgenerated.a $(BUILD)/libcommon.a -Wl,--end-group \
	  $(CMOCKA_LIBS) \
	  $(PG_QUERY_LIBS) $(LIBS)

$(BUILD)/tests/unit/%.o: ALL_CFLAGS += -Wno-missing-prototypes
# test_jwt signs hand-made headers with HMAC-SHA256 itself (OpenSSL).

# ---------------------------------------------------------------- fuzzing
# Both libFuzzer targets (tests/fuzz/), built with clang into build/fuzz:
# the code under test with -fsanitize=fuzzer-no-link,address,undefined,
# each target linked with -fsanitize=fuzzer,address,undefined.
# `make fuzz` runs each for FUZZ_SECONDS (scripts/fuzz.sh).
FUZZ       := build/fuzz
FUZZ_CC    ?= clang
FUZZ_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS := -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE $(WARN) -O1 -g $(FUZZ_FLAGS) \
               -fsanitize=fuzzer-no-link -MMD -MP -Icommon -Iruntime -Icodegen -I$(FUZZ)/codegen \
               $(PKG_CFLAGS)
FUZZ_COMMON_OBJ := $(COMMON_SRC:%.c=$(FUZZ)/%.o)
FUZZ_REQUEST_OBJ := $(FUZZ_COMMON_OBJ) $(FUZZ)/tests/fuzz/fuzz_request.o
FUZZ_SPEC_OBJ := $(CODEGEN_SRC:%.c=$(FUZZ)/%.o) $(CODEGEN_RE:codegen/%.re=$(FUZZ)/codegen/%.o) \
                 $(FUZZ_COMMON_OBJ) $(FUZZ)/tests/fuzz/fuzz_spec.o

$(FUZZ)/%.o: %.c
	$(call say,CC,$@)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ)/codegen/%.c: codegen/%.re
	$(call say,RE2C,$@)
	@mkdir -p $(@D)
	$(Q)$(RE2C) -W --no-generation-date --no-version -o $@ $<

$(FUZZ)/codegen/%.o: $(FUZZ)/codegen/%.c
	$(call say,CC,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ)/tests/fuzz/%.o: FUZZ_CFLAGS += -Wno-missing-prototypes

$(FUZZ)/fuzz_request: $(FUZZ_REQUEST_OBJ)
	$(call say,LD,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $^ $(LIBS)

$(FUZZ)/fuzz_spec: $(FUZZ_SPEC_OBJ)
	$(call say,LD,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $^ $(PG_QUERY_LIBS) $(LIBS)

# ------------------------------------------------------------- operations
# Targets that install packages build through a sub-make: this make read
# pkg-config's flags before deps could install the libraries.
deps:
	$(Q)scripts/deps.sh

services: deps
	$(Q)scripts/services.sh start

services-stop:
	$(Q)scripts/services.sh stop

run: services
	$(Q)$(MAKE) --no-print-directory build
	$(Q)scripts/run.sh

test: services
	$(Q)$(MAKE) --no-print-directory build $(UNIT_BIN)
	$(Q)scripts/test.sh $(UNIT_BIN)

test-asan: services
	$(Q)$(MAKE) --no-print-directory SANITIZE=1 build/asan/specc build/asan/orderd \
	  $(UNIT_SRC:tests/unit/%.c=build/asan/unit/%) console
	$(Q)ORDERD=build/asan/orderd SPECC=build/asan/specc scripts/test.sh \
	  $(UNIT_SRC:tests/unit/%.c=build/asan/unit/%)

verify: services
	$(Q)$(MAKE) --no-print-directory build
	$(Q)scripts/verify.sh

fuzz: deps
	$(Q)$(MAKE) --no-print-directory $(FUZZ)/fuzz_request $(FUZZ)/fuzz_spec
	$(Q)scripts/fuzz.sh $(FUZZ)/fuzz_request $(FUZZ)/fuzz_spec

bench: services
	$(Q)$(MAKE) --no-print-directory build
	$(Q)scripts/bench.sh

fmt:
	$(Q)clang-format -i common/*.c common/*.h runtime/*.c runtime/*.h codegen/*.c codegen/*.h \
	  tests/unit/*.c

clean:
	$(call say,RM,build)
	$(Q)rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)

# Keruen: two commands matter.
#   make run   installs what is missing, builds, runs the demo on the embedded store
#   make test  installs what is missing, builds the ASan+UBSan configuration and runs every
#              test in it (one build: a second, unsanitised run of the same tests found
#              nothing the sanitised one missed and doubled CI time)
# Also: make build, make test-normal (the tests in the normal build, which also compiles the
# benchmarks), make bench (release build + benchmarks against baselines), make format.

BUILD_DIR   ?= build
ASAN_DIR    ?= build-asan
RELEASE_DIR ?= build-release
JOBS        ?= $(shell nproc)
CMAKE_FLAGS ?=
KERUEN      := $(BUILD_DIR)/apps/keruen

.PHONY: deps build run test test-normal test-asan bench format clean

deps:
	@bash scripts/install-deps.sh

$(BUILD_DIR)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/build.ninja
	ninja -C $(BUILD_DIR) -j $(JOBS)

run: build
	$(KERUEN) demo

test: test-asan

test-normal: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

test-asan: deps
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKERUEN_SANITIZE=ON \
	  -DKERUEN_BENCHMARKS=OFF $(CMAKE_FLAGS)
	ninja -C $(ASAN_DIR) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(ASAN_DIR) --output-on-failure -j $(JOBS) -LE no-asan

bench: deps
	cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)
	ninja -C $(RELEASE_DIR) -j $(JOBS)
	bash bench/run.sh $(RELEASE_DIR)

format:
	find src apps bench test fuzz -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(RELEASE_DIR)

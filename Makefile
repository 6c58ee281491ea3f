# sparkctl: thin wrappers over scripts/ and sparkctl itself. `make help` lists them.
SHELL := /bin/bash
BUILD ?= build
SPARKCTL := $(BUILD)/src/cli/sparkctl
JOB ?= pi
JOB_ARGS ?=
FUZZ_SECONDS ?= 60

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-26s %s\n", $$1, $$2}'

.PHONY: setup
setup: ## Install Debian packages, Java 17, the pyspark venv, and build sparkctl
	scripts/setup.sh

.PHONY: build
build: ## Build sparkctl (after `make setup`)
	cmake -S . -B $(BUILD) -G Ninja >/dev/null
	cmake --build $(BUILD) --parallel

.PHONY: run
run: setup ## Set up if needed, then run JOB (default pi) on a local Spark Connect server
	$(SPARKCTL) run --job $(JOB) $(if $(JOB_ARGS),--job-args $(JOB_ARGS))

.PHONY: test
test: ## Set up everything the tests need, build, and run the whole test suite
	scripts/test.sh

.PHONY: fuzz
fuzz: ## Fuzz the config loader and --job-args parser for FUZZ_SECONDS each
	scripts/fuzz.sh $(FUZZ_SECONDS)

.PHONY: lint
lint: ## clang-format 14 check of the C++, shellcheck of every script (installs both if missing)
	scripts/lint.sh

.PHONY: format
format: ## Format the C++ in place with clang-format 14
	scripts/lint.sh --fix

.PHONY: analyze
analyze: build ## Static analysis: clang-tidy and cppcheck over the project's sources
	clang-tidy -p $(BUILD) --quiet $$(git ls-files 'src/*.cpp' 'jobs/*.cpp')
	cppcheck --enable=warning,performance,portability --std=c++17 --quiet --error-exitcode=1 \
	  --suppress=missingIncludeSystem $(addprefix -I ,$(wildcard src/*/include jobs/include)) \
	  $$(git ls-files 'src/*.cpp' 'jobs/*.cpp')

.PHONY: install
install: build ## Install sparkctl into PREFIX (default /usr/local)
	cmake --install $(BUILD) --prefix $(or $(PREFIX),/usr/local)

.PHONY: clean
clean: ## Remove build directories (keeps the .cache of downloads)
	rm -rf $(BUILD) build-*

# ---- Image and cluster (thin wrappers over docker/podman, gcloud and sparkctl; nothing calls kubectl) ----
IMAGE ?= sparkctl/spark:latest
# The image's Spark is the config's spark.version (the pyspark release).
SPARK_VERSION ?= $(shell sed -n '/^spark:/,/^[a-z]/s/^  version: *\([0-9.]*\).*/\1/p' config/conf.yaml)
JAVA_VERSION ?= 17
PYTHON_VERSION ?= 3
WITH_GCS ?= false
WITH_S3 ?= false
BASE_IMAGE ?= debian:bookworm-slim
# docker when its engine answers, else podman. podman here gets no
# CAP_SYS_RESOURCE (ulimits within the hard limits), the docker format (for
# SHELL) and the host network (it sets up none of its own).
ENGINE ?= $(shell docker info >/dev/null 2>&1 && echo docker || echo podman)
ENGINE_BUILD_FLAGS = $(if $(filter podman,$(ENGINE)),--format docker --network=host --ulimit nofile=1024:1024 --ulimit nproc=4096:4096)
# More flags for the engine, e.g. --build-context sparkctl=DIR (docs/image.md).
BUILD_FLAGS ?=
NAMESPACE ?= spark
GKE_CLUSTER ?= spark
GKE_REGION ?= europe-west1
GKE_PROJECT ?= $(shell gcloud config get-value project 2>/dev/null)
APP ?=
PULL_SECRET ?= regcred
DOCKER_CONFIG ?=
KEY_FILE ?=
CRON ?=

.PHONY: build-image
build-image: ## Build the Spark image (Debian + pyspark + sparkctl compiled inside) with docker or podman
	$(ENGINE) build $(ENGINE_BUILD_FLAGS) $(BUILD_FLAGS) -f docker/Dockerfile -t $(IMAGE) \
	  --build-arg BASE_IMAGE=$(BASE_IMAGE) --build-arg SPARK_VERSION=$(SPARK_VERSION) \
	  --build-arg JAVA_VERSION=$(JAVA_VERSION) --build-arg PYTHON_VERSION=$(PYTHON_VERSION) \
	  --build-arg WITH_GCS=$(WITH_GCS) --build-arg WITH_S3=$(WITH_S3) .

.PHONY: cluster-images
cluster-images: build ## The local cluster's images from this machine's build, with podman (root)
	scripts/build-spark-operator.sh
	SPARKCTL_BINARY=$(SPARKCTL) scripts/build-images.sh

.PHONY: cluster-up
cluster-up: cluster-images ## A real single-node Kubernetes here, with the spark-operator and an S3 store (root); prints the exports to use them
	scripts/build-k8s-test-servers.sh
	scripts/build-k8s-node.sh
	scripts/local-cluster.sh up
	scripts/local-cluster.sh store up
	@scripts/local-cluster.sh env | grep -E '^export (KUBECONFIG|SPARKCTL_IMAGE)='
	@scripts/local-cluster.sh store env

.PHONY: cluster-down
cluster-down: ## Stop the local cluster and its S3 store, and put the machine back as it was
	scripts/local-cluster.sh down

.PHONY: push-image
push-image: ## Push IMAGE to its registry
	$(ENGINE) push $(IMAGE)

.PHONY: docker-test
docker-test: ## Run the unit tests inside the image
	$(ENGINE) run --rm --entrypoint sparkctl-tests $(IMAGE)

.PHONY: it-shell
it-shell: ## An interactive shell in the image
	$(ENGINE) run --rm -it --entrypoint bash $(IMAGE)

.PHONY: lint-dockerfile
lint-dockerfile: ## hadolint docker/Dockerfile
	scripts/lint-dockerfile.sh

.PHONY: get-gke-cred
get-gke-cred: ## Fetch kubeconfig credentials of the GKE cluster (see terraform/)
	gcloud container clusters get-credentials $(GKE_CLUSTER) --region $(GKE_REGION) --project $(GKE_PROJECT)

.PHONY: patch-container-registry
patch-container-registry: ## Bind image pull Secret PULL_SECRET (default regcred; from DOCKER_CONFIG if set) to the spark service account
	$(SPARKCTL) init -n $(NAMESPACE) --image-pull-secret $(PULL_SECRET) $(if $(DOCKER_CONFIG),--docker-config $(DOCKER_CONFIG))

.PHONY: start-k8s-local
start-k8s-local: ## Start the local test API server (kube-apiserver + etcd + CRDs; no kubelet)
	scripts/build-k8s-test-servers.sh
	scripts/test-cluster.sh up
	@echo "export KUBECONFIG=$$(scripts/test-cluster.sh env | sed -n 's/.*SPARKCTL_TEST_KUBECONFIG=//p')"

.PHONY: verify-k8s-dns
verify-k8s-dns: ## Check the cluster for Spark: API, operator and webhook, RBAC, and DNS from a pod of the image
	$(SPARKCTL) doctor -n $(NAMESPACE)

.PHONY: doctor
doctor: ## The same checklist, plus whether the image starts (sparkctl doctor --image)
	$(SPARKCTL) doctor -n $(NAMESPACE) --image

.PHONY: init-spark-k8s
init-spark-k8s: ## Namespace, service account and RBAC for Spark (and the key-file Secret from KEY_FILE if set)
	$(SPARKCTL) init -n $(NAMESPACE) $(if $(KEY_FILE),--key-file $(KEY_FILE))

.PHONY: submit
submit: ## Submit JOB (default pi) as a SparkApplication and wait for it
	$(SPARKCTL) submit --job $(JOB) $(if $(JOB_ARGS),--job-args $(JOB_ARGS)) --wait

.PHONY: schedule
schedule: ## Run JOB on the cron schedule CRON (e.g. CRON="0 3 * * *") through the operator
	$(SPARKCTL) schedule --job $(JOB) $(if $(JOB_ARGS),--job-args $(JOB_ARGS)) --cron "$(CRON)"

.PHONY: schedules
schedules: ## List scheduled jobs with their last and next run
	$(SPARKCTL) schedules

.PHONY: spark-port-forward
spark-port-forward: ## Forward the Spark UI of APP to localhost:4040
	$(SPARKCTL) ui $(APP)

.PHONY: shell
shell: ## SQL shell: the local server, or APP's session on the cluster
	$(SPARKCTL) shell $(if $(APP),--app $(APP))

"""deploy/k8s: every rendered Kustomize manifest passes kubernetes-validate (strict)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from tests.deploy.conftest import DEPLOY, run_tool
from tests.deploy.settings_names import assert_known_env, health_paths, metrics_port

#: The Kubernetes version the manifests are written for (schemas bundled by kubernetes-validate).
K8S_VERSION = "1.32.0"
KUSTOMIZATIONS = ["base", "overlays/example"]
WORKLOADS = ("StatefulSet", "Deployment")


def render(kustomize: list[str], path: Path) -> list[dict[str, Any]]:
    result = run_tool([*kustomize, str(path)])
    assert result.returncode == 0, result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


@pytest.fixture(scope="module", params=KUSTOMIZATIONS)
def manifests(request: pytest.FixtureRequest, kustomize: list[str]) -> list[dict[str, Any]]:
    return render(kustomize, DEPLOY / "k8s" / request.param)


def by_kind(docs: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [d for d in docs if d["kind"] == kind]


def test_every_manifest_passes_strict_schema_validation(manifests: list[dict[str, Any]]) -> None:
    assert {d["kind"] for d in manifests} >= {
        "StatefulSet", "Deployment", "Service", "ConfigMap", "PodDisruptionBudget",
    }  # fmt: skip
    for doc in manifests:
        kubernetes_validate.validate(doc, K8S_VERSION, strict=True)


def test_validation_can_fail(kustomize: list[str]) -> None:
    """A misspelt field is rejected: the check above is not vacuous."""
    statefulset = by_kind(render(kustomize, DEPLOY / "k8s" / "base"), "StatefulSet")[0]
    statefulset["spec"]["replicaz"] = statefulset["spec"].pop("replicas")
    with pytest.raises(kubernetes_validate.ValidationError, match="replicaz"):
        kubernetes_validate.validate(statefulset, K8S_VERSION, strict=True)


def containers(manifests: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    out = []
    for kind in WORKLOADS:
        for workload in by_kind(manifests, kind):
            pod = workload["spec"]["template"]["spec"]
            out.extend((pod, c) for c in pod["containers"])
    return out


def test_pods_run_non_root_on_a_read_only_root_filesystem(manifests: list[dict[str, Any]]) -> None:
    assert len(containers(manifests)) == 2
    for pod, container in containers(manifests):
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod["securityContext"]["runAsUser"] == 10001  # the image's user
        assert pod["automountServiceAccountToken"] is False
        sc = container["securityContext"]
        assert sc["readOnlyRootFilesystem"] is True
        assert sc["allowPrivilegeEscalation"] is False
        assert sc["capabilities"]["drop"] == ["ALL"]
        tmp = next(m for m in container["volumeMounts"] if m["mountPath"] == "/tmp")
        volume = next(v for v in pod["volumes"] if v["name"] == tmp["name"])
        assert "emptyDir" in volume
        assert "memory" in container["resources"]["limits"]
        assert {"cpu", "memory"} <= set(container["resources"]["requests"])


def test_probes_and_ports_match_the_code(manifests: list[dict[str, Any]]) -> None:
    served = health_paths()
    for _, container in containers(manifests):
        port = next(p for p in container["ports"] if p["name"] == "metrics")
        assert port["containerPort"] == metrics_port()
        assert container["livenessProbe"]["httpGet"]["path"] == "/livez"
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
        for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
            if probe in container:
                assert container[probe]["httpGet"]["path"] in served
                assert container[probe]["httpGet"]["port"] == "metrics"


def test_settings_are_real_settings(manifests: list[dict[str, Any]]) -> None:
    """Every variable is a field of streams/settings.py and the values validate."""
    config = by_kind(manifests, "ConfigMap")
    env = next(c["data"] for c in config if c["metadata"]["name"].startswith("livediff-config"))
    secret_refs = {}
    for _, container in containers(manifests):
        for var in container["env"]:
            ref = var["valueFrom"]["secretKeyRef"]
            assert ref["name"] == "livediff-kafka-credentials"
            secret_refs[var["name"]] = "from-the-secret"
        refs = [e["configMapRef"]["name"] for e in container["envFrom"]]
        assert refs == [next(c["metadata"]["name"] for c in config if c["data"] is env)]
    assert set(secret_refs) == {"KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD"}
    assert_known_env(env | secret_refs)
    assert int(env["LIVEDIFF_METRICS__PORT"]) == metrics_port()


def test_metrics_services_are_servicemonitor_ready(manifests: list[dict[str, Any]]) -> None:
    """Named port `metrics`, a stable label to select, and job names the alerts use."""
    services = {s["metadata"]["name"]: s for s in by_kind(manifests, "Service")}
    assert set(services) == {"livediff-worker", "livediff-producer"}
    for service in services.values():
        assert service["metadata"]["labels"]["livediff.io/metrics"] == "true"
        assert [p["name"] for p in service["spec"]["ports"]] == ["metrics"]
    worker = services["livediff-worker"]["spec"]
    assert worker["clusterIP"] == "None"
    statefulset = by_kind(manifests, "StatefulSet")[0]
    assert statefulset["spec"]["serviceName"] == "livediff-worker"
    assert (
        worker["selector"].items() <= statefulset["spec"]["template"]["metadata"]["labels"].items()
    )


def test_disruption_budget_covers_the_workers(manifests: list[dict[str, Any]]) -> None:
    (pdb,) = by_kind(manifests, "PodDisruptionBudget")
    labels = by_kind(manifests, "StatefulSet")[0]["spec"]["template"]["metadata"]["labels"]
    assert pdb["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert pdb["spec"]["maxUnavailable"] == 1


def test_example_overlay_requires_the_kafka_secret(kustomize: list[str]) -> None:
    docs = render(kustomize, DEPLOY / "k8s" / "overlays" / "example")
    for _, container in containers(docs):
        assert all(v["valueFrom"]["secretKeyRef"]["optional"] is False for v in container["env"])
        assert container["image"].startswith("registry.example.com/")
    assert (
        by_kind(docs, "Namespace")[0]["metadata"]["labels"]["pod-security.kubernetes.io/enforce"]
        == "restricted"
    )

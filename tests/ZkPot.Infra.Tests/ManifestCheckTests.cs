using System.Text.Json.Nodes;

namespace ZkPot.Infra.Tests;

/// <summary>The manifest check: overlays render, and every document passes its Kubernetes schema and the silo rules.</summary>
[Collection(InfraCollection.Name)]
public sealed class ManifestCheckTests
{
    static string BaseFolder => Path.Combine(RepoPaths.Root, "infra", "k8s", "base");

    [Fact]
    public void Dev_and_prod_overlays_pass_the_kubernetes_schema_and_silo_rules()
    {
        var output = InfraScript.Run("manifests");

        Assert.True(output.ExitCode == 0, InfraScript.Describe(output));
        Assert.Contains("ok infra/k8s/overlays/dev", output.Stdout);
        Assert.Contains("ok infra/k8s/overlays/prod", output.Stdout);
    }

    [Fact]
    public void Prod_overlay_puts_gpu_silos_on_the_gpu_pool_with_one_gpu_each()
    {
        var docs = Render(Path.Combine("infra", "k8s", "overlays", "prod"));

        var gpu = Find(docs, "Deployment", "zkpot-silo-gpu");
        Assert.Equal(2, gpu["spec"]!["replicas"]!.GetValue<int>());
        var pod = gpu["spec"]!["template"]!["spec"]!;
        Assert.Equal("gpu", pod["nodeSelector"]!["zkpot.io/pool"]!.GetValue<string>());
        Assert.Contains(pod["tolerations"]!.AsArray(), t =>
            t!["key"]!.GetValue<string>() == "sku" && t["value"]!.GetValue<string>() == "gpu" &&
            t["effect"]!.GetValue<string>() == "NoSchedule");
        var silo = pod["containers"]![0]!;
        Assert.Equal(1, silo["resources"]!["limits"]!["nvidia.com/gpu"]!.GetValue<int>());
        Assert.Equal("true", Env(silo, "ZKPOT_SILO_GPU"));
        Assert.Equal("zkpotprod.azurecr.io/zkpot-silo:0.1.0", silo["image"]!.GetValue<string>());

        var cpu = Find(docs, "Deployment", "zkpot-silo-cpu");
        Assert.Equal("false", Env(cpu["spec"]!["template"]!["spec"]!["containers"]![0]!, "ZKPOT_SILO_GPU"));
        var hpa = Find(docs, "HorizontalPodAutoscaler", "zkpot-silo-cpu");
        Assert.Equal("autoscaling/v2", hpa["apiVersion"]!.GetValue<string>());
        Assert.Equal(4, hpa["spec"]!["minReplicas"]!.GetValue<int>());
    }

    [Fact]
    public void Manifest_check_rejects_a_field_with_the_wrong_type()
    {
        using var scratch = new ScratchDirectory();
        var overlay = Overlay(scratch, """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: zkpot-silo-cpu
              namespace: zkpot
            spec:
              replicas: three
            """);

        var output = InfraScript.Run("manifests", overlay);

        Assert.True(output.ExitCode == 1, InfraScript.Describe(output));
        Assert.Contains("/spec/replicas must be integer", output.Stderr);
    }

    [Fact]
    public void Manifest_check_rejects_a_field_the_schema_does_not_know()
    {
        using var scratch = new ScratchDirectory();
        var overlay = Overlay(scratch, """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: zkpot-silo-cpu
              namespace: zkpot
            spec:
              template:
                spec:
                  containers:
                    - name: silo
                      readinessprobe:
                        periodSeconds: 5
            """);

        var output = InfraScript.Run("manifests", overlay);

        Assert.True(output.ExitCode == 1, InfraScript.Describe(output));
        Assert.Contains("/spec/template/spec/containers/0/readinessprobe is not a field of the schema", output.Stderr);
    }

    [Fact]
    public void Manifest_check_rejects_a_gpu_silo_without_a_gpu_limit()
    {
        using var scratch = new ScratchDirectory();
        var overlay = Overlay(scratch, """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: zkpot-silo-gpu
              namespace: zkpot
            spec:
              template:
                spec:
                  containers:
                    - name: silo
                      resources:
                        limits:
                          nvidia.com/gpu: null
            """);

        var output = InfraScript.Run("manifests", overlay);

        Assert.True(output.ExitCode == 1, InfraScript.Describe(output));
        Assert.Contains("Deployment zkpot-silo-gpu container silo: ZKPOT_SILO_GPU=true but resources.limits.nvidia.com/gpu", output.Stderr);
    }

    [Fact]
    public void Manifest_check_rejects_a_setting_the_silo_does_not_read()
    {
        using var scratch = new ScratchDirectory();
        var overlay = Overlay(scratch, """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: zkpot-silo-config
              namespace: zkpot
            data:
              ZKPOT_CLUSTERID: zkpot
            """);

        var output = InfraScript.Run("manifests", overlay);

        Assert.True(output.ExitCode == 1, InfraScript.Describe(output));
        Assert.Contains("data.ZKPOT_CLUSTERID is not a setting the silo reads", output.Stderr);
    }

    [Fact]
    public void Manifest_check_rejects_a_kustomization_feature_it_does_not_render()
    {
        using var scratch = new ScratchDirectory();
        scratch.CopyFolder(BaseFolder, "base");
        var overlay = Path.Combine(scratch.Path, "overlays", "bad");
        scratch.Write(Path.Combine("overlays", "bad", "kustomization.yaml"), "resources:\n  - ../../base\nnamePrefix: test-\n");

        var output = InfraScript.Run("manifests", overlay);

        Assert.True(output.ExitCode == 2, InfraScript.Describe(output));
        Assert.Contains("field 'namePrefix' is not supported", output.Stderr);
    }

    // A copy of the base with an overlay that pins the image (as the real overlays do) and applies PATCH.
    static string Overlay(ScratchDirectory scratch, string patch)
    {
        scratch.CopyFolder(BaseFolder, "base");
        scratch.Write(Path.Combine("overlays", "bad", "patch.yaml"), patch + "\n");
        scratch.Write(Path.Combine("overlays", "bad", "kustomization.yaml"), """
            resources:
              - ../../base
            images:
              - name: zkpot-silo
                newName: example.azurecr.io/zkpot-silo
                newTag: 1.0.0
            patches:
              - path: patch.yaml
            """ + "\n");
        return Path.Combine(scratch.Path, "overlays", "bad");
    }

    static JsonArray Render(string overlay)
    {
        var output = InfraScript.Run("manifests", "--print", overlay);
        Assert.True(output.ExitCode == 0, InfraScript.Describe(output));
        return JsonNode.Parse(output.Stdout)!.AsArray();
    }

    static JsonNode Find(JsonArray docs, string kind, string name) =>
        Assert.Single(docs, d => d!["kind"]!.GetValue<string>() == kind && d["metadata"]!["name"]!.GetValue<string>() == name)!;

    static string? Env(JsonNode container, string name) =>
        container["env"]!.AsArray().FirstOrDefault(e => e!["name"]!.GetValue<string>() == name)?["value"]?.GetValue<string>();
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ZkPot.Infra.Tests;

/// <summary>The Bicep check: main.bicep and its parameter file compile offline with no error or warning.</summary>
[Collection(InfraCollection.Name)]
[Trait("Category", "Slow")]
public sealed partial class BicepCheckTests
{
    [Fact]
    public void Main_template_and_parameter_file_compile_without_errors_or_warnings()
    {
        var output = InfraScript.Run("bicep");

        Assert.True(output.ExitCode == 0, InfraScript.Describe(output));
        Assert.Contains("main.bicep", output.Stdout);
        Assert.Contains("main.bicepparam", output.Stdout);
        Assert.DoesNotContain("Warning", output.Stderr);
    }

    [Fact]
    public void Bicep_check_rejects_a_template_with_a_syntax_error()
    {
        using var scratch = new ScratchDirectory();
        var file = scratch.Write("broken.bicep",
            "param name string\nresource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: name\n");

        var output = InfraScript.Run("bicep", file);

        Assert.True(output.ExitCode == 1, InfraScript.Describe(output));
        Assert.Contains(": Error BCP", output.Stderr);
    }

    [Fact]
    public void Bicep_check_rejects_a_template_the_linter_warns_about()
    {
        using var scratch = new ScratchDirectory();
        var file = scratch.Write("unused.bicep", "param unused string\noutput answer int = 42\n");

        var output = InfraScript.Run("bicep", file);

        Assert.True(output.ExitCode == 1, InfraScript.Describe(output));
        Assert.Contains("no-unused-params", output.Stderr);
    }

    [Fact]
    public void Compiled_template_outputs_the_silo_configuration()
    {
        var template = CompileMain();
        var outputs = template["outputs"]!.AsObject();

        foreach (var name in new[] { "storageBlobUri", "storageTableUri", "storageAccountName", "siloIdentityClientId",
                     "tenantId", "aksClusterName", "registryLoginServer", "grafanaEndpoint" })
            Assert.True(outputs.ContainsKey(name), $"main.bicep has no output {name}");
    }

    [Fact]
    public void Compiled_template_locks_down_storage_and_grants_the_silo_data_roles()
    {
        // The storage module's nested template: the account, its role assignments and the role ids in its variables.
        var module = Assert.Single(Templates(CompileMain()), t => OwnResources(t).Any(r => Type(r) == "Microsoft.Storage/storageAccounts"));
        var resources = OwnResources(module).ToList();

        var account = Assert.Single(resources, r => Type(r) == "Microsoft.Storage/storageAccounts");
        var properties = account["properties"]!;
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]!.GetValue<string>());
        Assert.Contains("parameters('publicNetworkAccess')", properties["publicNetworkAccess"]!.GetValue<string>());

        var roles = resources.Where(r => Type(r) == "Microsoft.Authorization/roleAssignments").ToList();
        Assert.All(roles, r => Assert.Contains("parameters('siloPrincipalId')", r["properties"]!["principalId"]!.GetValue<string>()));
        var roleIds = roles.Select(r => Resolve(module, r["properties"]!["roleDefinitionId"]!.GetValue<string>())).ToList();
        Assert.Contains(roleIds, id => id.Contains("ba92f5b4-2d11-453d-a403-e96b0029c9fe")); // Storage Blob Data Contributor
        Assert.Contains(roleIds, id => id.Contains("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")); // Storage Table Data Contributor
    }

    [Fact]
    public void Compiled_template_has_a_system_pool_and_a_tainted_gpu_pool()
    {
        var resources = Resources(CompileMain()).ToList();

        var cluster = Assert.Single(resources, r => Type(r) == "Microsoft.ContainerService/managedClusters");
        var clusterProperties = cluster["properties"]!;
        Assert.Equal("System", clusterProperties["agentPoolProfiles"]![0]!["mode"]!.GetValue<string>());
        Assert.True(clusterProperties["oidcIssuerProfile"]!["enabled"]!.GetValue<bool>());
        Assert.True(clusterProperties["securityProfile"]!["workloadIdentity"]!["enabled"]!.GetValue<bool>());

        var gpu = Assert.Single(resources, r => Type(r) == "Microsoft.ContainerService/managedClusters/agentPools");
        var pool = gpu["properties"]!;
        Assert.Equal("User", pool["mode"]!.GetValue<string>());
        Assert.Equal(["sku=gpu:NoSchedule"], pool["nodeTaints"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("gpu", pool["nodeLabels"]!["zkpot.io/pool"]!.GetValue<string>());
        Assert.Contains("parameters('gpuVmSize')", pool["vmSize"]!.GetValue<string>());

        foreach (var type in new[] { "Microsoft.Monitor/accounts", "Microsoft.Dashboard/grafana", "Microsoft.OperationalInsights/workspaces" })
            Assert.Contains(resources, r => Type(r) == type);
    }

    static JsonNode CompileMain()
    {
        var bicep = InfraScript.BicepPath();
        var output = ChildProcess.Run(bicep, ["build", Path.Combine(RepoPaths.Root, "bicep", "main.bicep"), "--stdout"]);
        Assert.True(output.ExitCode == 0, InfraScript.Describe(output));
        return JsonNode.Parse(output.Stdout)!;
    }

    // Every resource of the template and of the nested module templates, however the compiler laid them out.
    static IEnumerable<JsonObject> Resources(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"] is JsonValue type && type.TryGetValue<string>(out _) && o.ContainsKey("apiVersion"))
                    yield return o;
                foreach (var (_, child) in o)
                {
                    if (child is null)
                        continue;
                    foreach (var r in Resources(child))
                        yield return r;
                }
                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    if (child is null)
                        continue;
                    foreach (var r in Resources(child))
                        yield return r;
                }
                break;
        }
    }

    static string Type(JsonObject resource) => resource["type"]!.GetValue<string>();

    // The main template and every nested module template.
    static IEnumerable<JsonObject> Templates(JsonNode node)
    {
        if (node is JsonObject o && o.ContainsKey("$schema") && o.ContainsKey("resources"))
            yield return o;
        var children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children)
        {
            if (child is null)
                continue;
            foreach (var t in Templates(child))
                yield return t;
        }
    }

    // The resources a template declares itself (an array, or an object keyed by symbolic name), not its modules'.
    static IEnumerable<JsonObject> OwnResources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject named => named.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    // Replaces variables('NAME') in an ARM expression with the template's value of that variable.
    static string Resolve(JsonObject template, string expression) =>
        VariableReference().Replace(expression, m => template["variables"]?[m.Groups[1].Value]?.GetValue<string>() ?? m.Value);

    [GeneratedRegex(@"variables\('([^']+)'\)")]
    private static partial Regex VariableReference();
}

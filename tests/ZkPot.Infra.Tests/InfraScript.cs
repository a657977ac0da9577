namespace ZkPot.Infra.Tests;

/// <summary>Runs <c>scripts/check-infra CHECK [ARGS]</c>, the same entry point a person uses.</summary>
public static class InfraScript
{
    /// <summary>Runs one check (bicep, manifests, dashboards, telemetry, dockerfile) with optional inputs.</summary>
    public static ProcessOutput Run(string check, params string[] arguments) =>
        ChildProcess.Run("bash", [Path.Combine(RepoPaths.Root, "scripts", "check-infra"), check, .. arguments]);

    /// <summary>The Bicep CLI's path, installed from NuGet by the script when missing.</summary>
    public static string BicepPath()
    {
        var output = Run("bicep-path");
        Assert.True(output.ExitCode == 0, $"check-infra bicep-path failed: {output.Stderr}");
        return output.Stdout.Trim().Split('\n')[^1].Trim();
    }

    /// <summary>A message for assertions: exit code and both streams.</summary>
    public static string Describe(ProcessOutput output) =>
        $"exit {output.ExitCode}; stdout: {output.Stdout}; stderr: {output.Stderr}";
}

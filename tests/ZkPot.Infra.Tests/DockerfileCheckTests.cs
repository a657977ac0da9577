namespace ZkPot.Infra.Tests;

/// <summary>
/// The Dockerfile check: two .NET 10 stages pinned to a 10.0 tag, non-root runtime, the silo project and every
/// project it references copied in, the entry point naming the silo assembly.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class DockerfileCheckTests
{
    static string Dockerfile => Path.Combine(RepoPaths.Root, "infra", "k8s", "Dockerfile");

    [Fact]
    public void Silo_dockerfile_passes_static_checks_against_the_repository()
    {
        var output = InfraScript.Run("dockerfile");

        Assert.True(output.ExitCode == 0, InfraScript.Describe(output));
    }

    [Fact]
    public void Silo_dockerfile_passes_against_a_complete_project_graph()
    {
        using var scratch = new ScratchDirectory();
        var root = FakeRepository(scratch, extraReference: null);

        var output = InfraScript.Run("dockerfile", "--root", root, Dockerfile);

        Assert.True(output.ExitCode == 0, InfraScript.Describe(output));
    }

    [Fact]
    public void Dockerfile_check_rejects_an_unpinned_base_image()
    {
        using var scratch = new ScratchDirectory();
        var root = FakeRepository(scratch, extraReference: null);
        var file = scratch.Write("Dockerfile", Edited("mcr.microsoft.com/dotnet/aspnet:10.0", "mcr.microsoft.com/dotnet/aspnet:latest"));

        var output = InfraScript.Run("dockerfile", "--root", root, file);

        Assert.True(output.ExitCode == 1, InfraScript.Describe(output));
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:latest is not a .NET 10 image pinned to a 10.0 tag", output.Stderr);
    }

    [Fact]
    public void Dockerfile_check_rejects_a_root_runtime_stage()
    {
        using var scratch = new ScratchDirectory();
        var root = FakeRepository(scratch, extraReference: null);
        var file = scratch.Write("Dockerfile", Edited("USER $APP_UID", "USER root"));

        var output = InfraScript.Run("dockerfile", "--root", root, file);

        Assert.True(output.ExitCode == 1, InfraScript.Describe(output));
        Assert.Contains("the final stage must switch to a non-root USER (found root)", output.Stderr);
    }

    [Fact]
    public void Dockerfile_check_rejects_a_referenced_project_the_build_stage_does_not_copy()
    {
        using var scratch = new ScratchDirectory();
        var root = FakeRepository(scratch, extraReference: "tools/ZkPot.Tools/ZkPot.Tools.csproj");

        var output = InfraScript.Run("dockerfile", "--root", root, Dockerfile);

        Assert.True(output.ExitCode == 1, InfraScript.Describe(output));
        Assert.Contains("tools/ZkPot.Tools/ZkPot.Tools.csproj is in the silo's project graph but not copied into the build stage", output.Stderr);
    }

    [Fact]
    public void Dockerfile_check_rejects_a_single_stage_build()
    {
        using var scratch = new ScratchDirectory();
        var root = FakeRepository(scratch, extraReference: null);
        var file = scratch.Write("Dockerfile", "FROM mcr.microsoft.com/dotnet/sdk:10.0\nRUN dotnet publish silo/ZkPot.Silo/ZkPot.Silo.csproj\n");

        var output = InfraScript.Run("dockerfile", "--root", root, file);

        Assert.True(output.ExitCode == 1, InfraScript.Describe(output));
        Assert.Contains("expected a build stage and a runtime stage, found 1 FROM", output.Stderr);
    }

    static string Edited(string from, string to)
    {
        var text = File.ReadAllText(Dockerfile);
        Assert.Contains(from, text);
        return text.Replace(from, to);
    }

    // A repository skeleton: the silo references the grains, which reference a library; optionally the grains
    // also reference EXTRAREFERENCE, a project outside the folders the Dockerfile copies.
    static string FakeRepository(ScratchDirectory scratch, string? extraReference)
    {
        scratch.Write("repo/Directory.Build.props", "<Project />\n");
        scratch.Write("repo/Directory.Packages.props", "<Project />\n");
        scratch.Write("repo/src/ZkPot.Ledger/ZkPot.Ledger.csproj", "<Project />\n");
        var extra = extraReference is null ? "" : $"<ProjectReference Include=\"../../{extraReference}\" />";
        scratch.Write("repo/grains/ZkPot.Grains/ZkPot.Grains.csproj",
            $"<Project><ItemGroup><ProjectReference Include=\"..\\..\\src\\ZkPot.Ledger\\ZkPot.Ledger.csproj\" />{extra}</ItemGroup></Project>\n");
        scratch.Write("repo/silo/ZkPot.Silo/ZkPot.Silo.csproj",
            "<Project><ItemGroup><ProjectReference Include=\"../../grains/ZkPot.Grains/ZkPot.Grains.csproj\" /></ItemGroup></Project>\n");
        if (extraReference is not null)
            scratch.Write(Path.Combine("repo", extraReference), "<Project />\n");
        return Path.Combine(scratch.Path, "repo");
    }
}

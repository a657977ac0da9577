namespace ZkPot.TestSupport.Tests;

public sealed class RepoPathsTests
{
    [Fact]
    public void Root_is_the_folder_holding_the_solution()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "ZkPot.Orleans.sln")), RepoPaths.Root);
    }

    [Fact]
    public void Ptau_and_circuits_are_found()
    {
        Assert.True(File.Exists(RepoPaths.Ptau), RepoPaths.Ptau);
        Assert.Equal(Path.Combine(RepoPaths.Circuits, "mul.circom"), RepoPaths.Circuit("mul"));
    }

    [Fact]
    public void Circuit_throws_naming_the_missing_file()
    {
        var e = Assert.Throws<FileNotFoundException>(() => RepoPaths.Circuit("no-such-circuit"));
        Assert.Contains("no-such-circuit.circom", e.Message);
    }
}

namespace ZkPot.TestSupport.Tests;

public sealed class RepoPathsTests
{
    [Fact]
    public void Root_is_the_folder_holding_the_solution()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "ZkPot.Orleans.sln")), RepoPaths.Root);
    }

    [Fact]
    public void Vectors_and_circuits_are_found_inside_the_root()
    {
        Assert.True(File.Exists(RepoPaths.TestVector("poseidon/circomlib-poseidon.json")));
        Assert.StartsWith(RepoPaths.Root + Path.DirectorySeparatorChar, RepoPaths.TestVectors);
        Assert.Equal(Path.Combine(RepoPaths.Circuits, "mul.circom"), RepoPaths.Circuit("mul"));
    }

    [Fact]
    public void Circuit_throws_naming_the_missing_file()
    {
        var e = Assert.Throws<FileNotFoundException>(() => RepoPaths.Circuit("no-such-circuit"));
        Assert.Contains("no-such-circuit.circom", e.Message);
    }
}

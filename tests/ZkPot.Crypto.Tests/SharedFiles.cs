namespace ZkPot.Crypto.Tests;

/// <summary>Finds ../shared (test vectors, ptau) beside the repository root.</summary>
static class SharedFiles
{
    public static string Root()
    {
        var env = Environment.GetEnvironmentVariable("ZKPOT_ROOT");
        var dir = new DirectoryInfo(env ?? AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ZkPot.Orleans.sln"))) dir = dir.Parent;
        if (dir is null) throw new DirectoryNotFoundException("repository root (ZkPot.Orleans.sln) not found above " + AppContext.BaseDirectory);
        return dir.FullName;
    }

    public static string Path_(params string[] parts) => Path.Combine([Path.GetDirectoryName(Root())!, "shared", .. parts]);
}

namespace ZkPot.Benchmarks;

/// <summary>Locates the repository (for bundled samples) from ZKPOT_ROOT or the working directory.</summary>
static class BenchPaths
{
    public static string Root()
    {
        var start = Environment.GetEnvironmentVariable("ZKPOT_ROOT") ?? Directory.GetCurrentDirectory();
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ZkPot.Orleans.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"ZkPot.Orleans.sln not found above {start}; set ZKPOT_ROOT");
    }
}

namespace ZkPot.TestSupport.Tests;

public sealed class OracleCacheTests
{
    [Fact]
    public void Concurrent_requests_for_one_entry_build_it_once()
    {
        var name = "cache-test-" + Guid.NewGuid().ToString("N")[..8];
        var builds = 0;
        try
        {
            var dirs = new string[8];
            Parallel.For(0, dirs.Length, new ParallelOptions { MaxDegreeOfParallelism = dirs.Length }, i =>
                dirs[i] = OracleCache.GetOrCreate(name, "k", temp =>
                {
                    Interlocked.Increment(ref builds);
                    // Long enough that the other requests arrive while the build is in progress.
                    Thread.Sleep(300);
                    File.WriteAllText(Path.Combine(temp, "artifact"), "built");
                }));

            Assert.Equal(1, builds);
            Assert.All(dirs, d => Assert.Equal(dirs[0], d));
            Assert.Equal("built", File.ReadAllText(Path.Combine(dirs[0], "artifact")));
        }
        finally
        {
            Remove(name + "-k");
        }
    }

    [Fact]
    public void Failed_build_leaves_no_entry_and_the_next_request_rebuilds()
    {
        var name = "cache-test-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            Assert.Throws<InvalidOperationException>(() =>
                OracleCache.GetOrCreate(name, "k", _ => throw new InvalidOperationException("build failed")));
            Assert.Empty(Directory.EnumerateDirectories(RepoPaths.OracleCache, name + "*"));

            var dir = OracleCache.GetOrCreate(name, "k", temp => File.WriteAllText(Path.Combine(temp, "artifact"), "second"));
            Assert.Equal("second", File.ReadAllText(Path.Combine(dir, "artifact")));
        }
        finally
        {
            Remove(name + "-k");
        }
    }

    [Fact]
    public void Name_with_a_path_separator_is_refused()
    {
        Assert.Throws<ArgumentException>(() => OracleCache.GetOrCreate("../escape", "k", _ => { }));
    }

    static void Remove(string entry)
    {
        var dir = Path.Combine(RepoPaths.OracleCache, entry);
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
        File.Delete(dir + ".lock");
    }
}

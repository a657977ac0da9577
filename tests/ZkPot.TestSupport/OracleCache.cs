using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ZkPot.TestSupport;

/// <summary>A cross-process cache of oracle artifacts: one folder per name and key under .build/oracle, built once.</summary>
/// <remarks>
/// Several test assemblies run at once and may ask for the same fixture, so a build holds an exclusive lock on
/// <c>NAME-KEY.lock</c> (FileShare.None, which .NET maps to flock on Unix: released by the kernel if the process dies),
/// writes into a private temporary folder and renames it into place, so a folder that exists is always complete.
/// </remarks>
public static partial class OracleCache
{
    /// <summary>How long to wait for another process building the same entry (a 2^14 setup plus proofs).</summary>
    public static TimeSpan LockTimeout { get; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Returns the folder <c>.build/oracle/NAME-KEY</c>, first building it with <paramref name="build"/> (given an empty
    /// temporary folder to fill) when it does not exist yet.
    /// </summary>
    public static string GetOrCreate(string name, string key, Action<string> build)
    {
        if (!SafeName().IsMatch(name))
            throw new ArgumentException($"oracle cache name '{name}' must be letters, digits, '.', '_' or '-'", nameof(name));
        if (!SafeName().IsMatch(key))
            throw new ArgumentException($"oracle cache key '{key}' must be letters, digits, '.', '_' or '-'", nameof(key));

        var final = Path.Combine(RepoPaths.OracleCache, $"{name}-{key}");
        if (Directory.Exists(final))
            return final;

        Directory.CreateDirectory(RepoPaths.OracleCache);
        using (AcquireLock(final + ".lock"))
        {
            if (Directory.Exists(final))
                return final;
            // Leftovers of a builder that died; nobody else can be writing them while this lock is held.
            foreach (var stale in Directory.EnumerateDirectories(RepoPaths.OracleCache, $"{name}-{key}.tmp-*"))
                Directory.Delete(stale, recursive: true);

            var temp = $"{final}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
            Directory.CreateDirectory(temp);
            try
            {
                build(temp);
                Directory.Move(temp, final);
            }
            catch
            {
                if (Directory.Exists(temp))
                    Directory.Delete(temp, recursive: true);
                throw;
            }
        }
        return final;
    }

    static FileStream AcquireLock(string path)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e)
            {
                if (waited.Elapsed > LockTimeout)
                    throw new TimeoutException($"oracle cache lock {path} still held by another builder after {LockTimeout}", e);
                Thread.Sleep(200);
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+$")]
    private static partial Regex SafeName();
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ZkPot.TestSupport;

/// <summary>A cross-process cache of oracle artifacts: one folder per name and key under .build/oracle, built once.</summary>
/// <remarks>
/// Several test assemblies run at once and may ask for the same fixture, so a build holds an exclusive lock on
/// <c>NAME-KEY.lock</c> (FileShare.None, which .NET maps to flock on Unix: released by the kernel if the process dies),
/// writes into a private temporary folder and renames it into place, so a folder that exists is always complete.
/// Each entry carries a manifest of its files' SHA-256 hashes, checked the first time a process uses the entry: an
/// entry whose files were changed, truncated or deleted since it was built is set aside and built again, not trusted.
/// </remarks>
public static partial class OracleCache
{
    /// <summary>The manifest file inside each entry: one line per file, "sha256-hex relative/path".</summary>
    public const string ManifestName = ".manifest.sha256";

    /// <summary>How long to wait for another process building the same entry (a snarkjs power-14 ptau, a 2^14 setup plus proofs).</summary>
    public static TimeSpan LockTimeout { get; } = TimeSpan.FromMinutes(30);

    static readonly ConcurrentDictionary<string, bool> checkedEntries = new();

    /// <summary>
    /// Returns the folder <c>.build/oracle/NAME-KEY</c>, first building it with <paramref name="build"/> (given an empty
    /// temporary folder to fill) when it does not exist yet or no longer matches its manifest.
    /// </summary>
    public static string GetOrCreate(string name, string key, Action<string> build)
    {
        if (!SafeName().IsMatch(name))
            throw new ArgumentException($"oracle cache name '{name}' must be letters, digits, '.', '_' or '-'", nameof(name));
        if (!SafeName().IsMatch(key))
            throw new ArgumentException($"oracle cache key '{key}' must be letters, digits, '.', '_' or '-'", nameof(key));

        var final = Path.Combine(RepoPaths.OracleCache, $"{name}-{key}");
        if (Directory.Exists(final) && IsIntact(final))
            return final;

        Directory.CreateDirectory(RepoPaths.OracleCache);
        using (AcquireLock(final + ".lock"))
        {
            if (Directory.Exists(final))
            {
                if (IsIntact(final))
                    return final;
                SetAside(final);
            }
            // Leftovers of a builder that died; nobody else can be writing them while this lock is held.
            foreach (var stale in Directory.EnumerateDirectories(RepoPaths.OracleCache, $"{name}-{key}.tmp-*"))
                Directory.Delete(stale, recursive: true);

            var temp = $"{final}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
            Directory.CreateDirectory(temp);
            try
            {
                build(temp);
                WriteManifest(temp);
                Directory.Move(temp, final);
                checkedEntries[final] = true;
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

    /// <summary>Whether every file the entry's manifest lists is there with the same hash (checked once per process).</summary>
    static bool IsIntact(string entry)
    {
        if (checkedEntries.ContainsKey(entry))
            return true;
        var manifest = Path.Combine(entry, ManifestName);
        if (!File.Exists(manifest))
            return false;
        foreach (var line in File.ReadAllLines(manifest))
        {
            var space = line.IndexOf(' ');
            if (space <= 0)
                return false;
            var file = Path.Combine(entry, line[(space + 1)..]);
            if (!File.Exists(file) || !string.Equals(HashFile(file), line[..space], StringComparison.Ordinal))
                return false;
        }
        checkedEntries[entry] = true;
        return true;
    }

    static void WriteManifest(string folder)
    {
        var lines = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            if (relative != ManifestName)
                lines.Append(HashFile(file)).Append(' ').Append(relative).Append('\n');
        }
        File.WriteAllText(Path.Combine(folder, ManifestName), lines.ToString());
    }

    static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Moves a damaged entry out of the way (a reader of the old folder keeps its open files) and deletes it.</summary>
    static void SetAside(string entry)
    {
        var aside = $"{entry}.damaged-{Guid.NewGuid():N}";
        Directory.Move(entry, aside);
        try
        {
            Directory.Delete(aside, recursive: true);
        }
        catch (IOException)
        {
            // Still open elsewhere; the name keeps it out of every lookup.
        }
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

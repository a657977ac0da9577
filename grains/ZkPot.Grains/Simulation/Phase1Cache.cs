using System.Security.Cryptography;
using ZkPot.Snark.Setup;

namespace ZkPot.Grains.Simulation;

/// <summary>
/// The members' prepared phase 1, kept between runs in the user's cache folder: one file per power with the transcript
/// of the ceremony that made it. A later task whose circuit fits (its domain at most the file's power) reuses it, so
/// only phase 2 runs again. The transcript records the file's SHA-256; a file that no longer matches is deleted and
/// made again, not trusted.
/// </summary>
public sealed class Phase1Cache(string? directory)
{
    public string Directory { get; } = Path.Combine(directory ?? DefaultRoot(), "phase1");

    static string DefaultRoot()
    {
        var explicitRoot = Environment.GetEnvironmentVariable("ZKPOT_CACHE");
        if (!string.IsNullOrEmpty(explicitRoot)) return explicitRoot;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg)) return Path.Combine(xdg, "zkpot");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(string.IsNullOrEmpty(home) ? Path.GetTempPath() : home, ".cache", "zkpot");
    }

    string PtauPath(int power) => Path.Combine(Directory, $"members-pot{power}.ptau");
    string TranscriptPath(int power) => Path.Combine(Directory, $"members-pot{power}.json");

    /// <summary>The smallest cached file of at least <paramref name="power"/>, with its transcript; null when none is intact.</summary>
    public (byte[] Ptau, byte[] Transcript)? TryLoad(int power)
    {
        for (var p = power; p <= PowersOfTau.MaxPower; p++)
        {
            if (!File.Exists(PtauPath(p)) || !File.Exists(TranscriptPath(p))) continue;
            try
            {
                var transcriptBytes = File.ReadAllBytes(TranscriptPath(p));
                var transcript = CeremonyTranscript.FromJson(transcriptBytes);
                var ptau = File.ReadAllBytes(PtauPath(p));
                if (transcript.PreparedPtau is { } file && file.Sha256 == Convert.ToHexStringLower(SHA256.HashData(ptau)))
                    return (ptau, transcriptBytes);
            }
            catch (InvalidDataException)
            {
            }
            File.Delete(PtauPath(p));
            File.Delete(TranscriptPath(p));
        }
        return null;
    }

    /// <summary>
    /// The initial key (delta = 1) an earlier run made from the cached file <paramref name="ptau"/> for the circuit
    /// <paramref name="circuit"/>, or null. Not trusted: the ceremony's final check covers it.
    /// </summary>
    public byte[]? TryLoadInitialKey(byte[] ptau, byte[] circuit)
    {
        var path = InitialKeyPath(ptau, circuit);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public void StoreInitialKey(byte[] ptau, byte[] circuit, byte[] key)
    {
        System.IO.Directory.CreateDirectory(Directory);
        WriteAtomically(InitialKeyPath(ptau, circuit), key);
    }

    string InitialKeyPath(byte[] ptau, byte[] circuit) =>
        Path.Combine(Directory, $"initial-{Convert.ToHexStringLower(SHA256.HashData(ptau))[..16]}-{Convert.ToHexStringLower(SHA256.HashData(circuit))[..16]}.zkey");

    /// <summary>Keeps a prepared file and its transcript (written to temporary names, then renamed).</summary>
    public void Store(int power, byte[] ptau, byte[] transcript)
    {
        System.IO.Directory.CreateDirectory(Directory);
        WriteAtomically(PtauPath(power), ptau);
        WriteAtomically(TranscriptPath(power), transcript);
    }

    static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}

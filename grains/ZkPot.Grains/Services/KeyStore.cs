using System.Security.Cryptography;
using ZkPot.Ledger.Identity;

namespace ZkPot.Grains.Services;

/// <summary>
/// Where a member keeps the keys of its participants and validators: one file per grain key under a local directory
/// (<c>owner0/p0.key</c>: the 32-byte seed of its Ed25519 and X25519 keys), made from the operating system's randomness
/// the first time the participant is set up, readable by its owner only. Never in grain state or shared storage, never
/// returned by a grain, not derived from anything public.
/// </summary>
public sealed class KeyStore
{
    readonly string _root;
    readonly object _gate = new();

    public KeyStore(string directory)
    {
        _root = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(_root);
    }

    public string Directory => _root;

    /// <summary>Where a member's keys live unless ZKPOT_KEY_DIR says otherwise: the user's local application data, zkpot/keys.</summary>
    public static string DefaultDirectory => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "zkpot", "keys");

    /// <summary>The identity of <paramref name="key"/>, made and stored now if it has none yet.</summary>
    public NodeIdentity GetOrCreate(string key)
    {
        Store(key, RandomNumberGenerator.GetBytes(NodeIdentity.SeedSize));
        return Get(key);
    }

    /// <summary>Brings a seed of the operator's own (restored from a backup, say) for a key that has none yet; false when it has one.</summary>
    public bool Import(string key, ReadOnlySpan<byte> seed)
    {
        if (seed.Length != NodeIdentity.SeedSize) throw new ArgumentException($"a seed has {NodeIdentity.SeedSize} bytes, got {seed.Length}", nameof(seed));
        return Store(key, seed);
    }

    /// <summary>Writes the seed unless the key has one (another process may have made it meanwhile: the first file stays).</summary>
    bool Store(string key, ReadOnlySpan<byte> seed)
    {
        string path = PathOf(key);
        lock (_gate)
        {
            if (File.Exists(path)) return false;
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var file = new FileStream(temp, options)) file.Write(seed);
            try { File.Move(temp, path, overwrite: false); }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temp);
                return false;
            }
            return true;
        }
    }

    /// <summary>The stored identity of <paramref name="key"/>; KeyNotFoundException when this store holds none.</summary>
    public NodeIdentity Get(string key)
    {
        string path = PathOf(key);
        if (!File.Exists(path)) throw new KeyNotFoundException($"no key for {key} in the key store {_root}");
        var seed = File.ReadAllBytes(path);
        return seed.Length == NodeIdentity.SeedSize ? NodeIdentity.FromSeed(seed)
            : throw new InvalidDataException($"key file {path} holds {seed.Length} bytes, not a {NodeIdentity.SeedSize}-byte seed");
    }

    string PathOf(string key)
    {
        if (key.Length == 0 || key.Length > 200 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/'))
            || key.Split('/').Any(part => part.Length == 0))
            throw new ArgumentException($"'{key}' is not a participant key (letters, digits, '-', '_', '/'-separated)", nameof(key));
        return Path.Combine(_root, key + ".key");
    }
}

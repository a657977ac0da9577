using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace ZkPot.Member;

/// <summary>One member as the federation knows it: its name on the link, where its HTTPS door is, and the file of its TLS certificate.</summary>
public sealed record FederationPeer(string Owner, Uri Url, string CertificatePath);

/// <summary>
/// The federation's public directory (a JSON file every member holds the same copy of): each member's name, HTTPS
/// address and TLS certificate. The certificates are pinned: a TLS peer is a member only if it presents exactly the
/// certificate the directory names for it, whoever signed it. A member publishes its own certificate where the
/// directory says; certificates not there yet are read when first needed.
/// </summary>
/// <remarks>
/// Format: <c>{"members": [{"owner": "owner0", "url": "https://127.0.0.1:9440", "certificate": "owner0.crt"}, ...]}</c>;
/// certificate paths are relative to the directory file's folder and must stay inside it.
/// </remarks>
public sealed class FederationDirectory
{
    readonly Dictionary<string, FederationPeer> _peers;
    readonly Dictionary<string, byte[]> _pins = new(StringComparer.Ordinal);
    readonly Lock _gate = new();

    FederationDirectory(Dictionary<string, FederationPeer> peers) => _peers = peers;

    public IReadOnlyCollection<FederationPeer> Peers => _peers.Values;

    public FederationPeer this[string owner] =>
        _peers.TryGetValue(owner, out var peer) ? peer : throw new KeyNotFoundException($"{owner} is not a member of the federation directory");

    /// <summary>Reads the directory; InvalidDataException names what is wrong.</summary>
    public static FederationDirectory Load(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"no federation directory at {full}");
        string folder = Path.GetDirectoryName(full)!;
        var peers = new Dictionary<string, FederationPeer>(StringComparer.Ordinal);
        // One certificate file per member: a file named twice pins whoever writes it last as both.
        var certificates = new HashSet<string>(OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(full));
            foreach (var member in json.RootElement.GetProperty("members").EnumerateArray())
            {
                string owner = member.GetProperty("owner").GetString() ?? "";
                if (owner.Length == 0 || owner.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
                    throw new InvalidDataException($"'{owner}' is not a member name (letters, digits, '-', '_')");
                if (!Uri.TryCreate(member.GetProperty("url").GetString(), UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
                    throw new InvalidDataException($"member {owner}: the url must be an absolute https address");
                string certificate = Path.GetFullPath(Path.Combine(folder, member.GetProperty("certificate").GetString() ?? ""));
                if (!certificate.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new InvalidDataException($"member {owner}: its certificate path leaves the directory's folder");
                if (!peers.TryAdd(owner, new FederationPeer(owner, url, certificate)))
                    throw new InvalidDataException($"member {owner} is listed twice");
                if (!certificates.Add(certificate))
                    throw new InvalidDataException($"member {owner}: its certificate file is another member's too");
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"federation directory {full}: {e.Message}", e);
        }
        if (peers.Count == 0) throw new InvalidDataException($"federation directory {full} lists no members");
        return new FederationDirectory(peers);
    }

    /// <summary>Writes this member's certificate (public part only) where the directory names it, unless it is there already.</summary>
    public void Publish(string owner, X509Certificate2 certificate)
    {
        var path = this[owner].CertificatePath;
        string pem = certificate.ExportCertificatePem();
        if (File.Exists(path) && File.ReadAllText(path) == pem) return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, pem);
        File.Move(temp, path, overwrite: true);
        lock (_gate) _pins.Remove(owner);
    }

    /// <summary>The member whose pinned certificate this is, or null for a certificate of no member (or pinned for two: whose would it be?).</summary>
    public string? OwnerOf(X509Certificate2? certificate)
    {
        if (certificate is null) return null;
        byte[] hash = SHA256.HashData(certificate.RawData);
        string? found = null;
        foreach (var owner in _peers.Keys)
            if (PinOf(owner) is { } pin && CryptographicOperations.FixedTimeEquals(pin, hash))
            {
                if (found is not null) return null;
                found = owner;
            }
        return found;
    }

    /// <summary>True when <paramref name="certificate"/> is exactly the one the directory names for <paramref name="owner"/>.</summary>
    public bool IsPinned(string owner, X509Certificate? certificate) =>
        certificate is not null && PinOf(owner) is { } pin && CryptographicOperations.FixedTimeEquals(pin, SHA256.HashData(certificate.GetRawCertData()));

    /// <summary>SHA-256 of the member's certificate, read from its file the first time it is there.</summary>
    byte[]? PinOf(string owner)
    {
        lock (_gate)
        {
            if (_pins.TryGetValue(owner, out var pin)) return pin;
            string path = _peers[owner].CertificatePath;
            if (!File.Exists(path)) return null;
            try
            {
                using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));
                return _pins[owner] = SHA256.HashData(certificate.RawData);
            }
            catch (CryptographicException) { return null; }
        }
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ZkPot.Member;

/// <summary>
/// A member's TLS certificate for the federation link: an ECDSA P-256 key made by the member the first time it starts,
/// kept (as PKCS#12, readable by its owner only) in its own key store folder beside its signing keys, self-signed and
/// good for both ends of mutual TLS. Peers trust it because the federation directory pins it, not because of who signed it.
/// </summary>
public static class MemberCertificate
{
    public static X509Certificate2 LoadOrCreate(string keyDirectory, string owner)
    {
        string path = Path.Combine(keyDirectory, $"{owner}.tls.pfx");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(keyDirectory);
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN=zkpot member {owner}", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                [new Oid("1.3.6.1.5.5.7.3.1", "server authentication"), new Oid("1.3.6.1.5.5.7.3.2", "client authentication")], false));
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            var now = DateTimeOffset.UtcNow;
            using var made = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(2));
            string temp = $"{path}.{Guid.NewGuid():N}.tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var file = new FileStream(temp, options)) file.Write(made.Export(X509ContentType.Pkcs12));
            try { File.Move(temp, path, overwrite: false); }
            catch (IOException) when (File.Exists(path)) { File.Delete(temp); }
        }
        // Loaded from PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
    }
}

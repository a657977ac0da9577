using System.Security.Cryptography.X509Certificates;
using ZkPot.Member;

namespace ZkPot.Infra.Tests;

/// <summary>
/// The federation directory names each member's pinned certificate. Two members must never share a pin: the TLS peer
/// would be taken for whichever comes first, so one member's traffic would count as another's (and a member whose own
/// messages arrive "from" someone else is refused at every door).
/// </summary>
public sealed class FederationDirectoryTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("zkpot-directory-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string Write(string owner0Certificate, string owner1Certificate)
    {
        string path = Path.Combine(_dir, "federation.json");
        File.WriteAllText(path, $$"""
            {"members": [{"owner": "owner0", "url": "https://127.0.0.1:9440", "certificate": "{{owner0Certificate}}"},
                         {"owner": "owner1", "url": "https://127.0.0.1:9441", "certificate": "{{owner1Certificate}}"}]}
            """);
        return path;
    }

    [Fact]
    public void Two_members_naming_one_certificate_file_is_refused()
    {
        // owner1 publishes its certificate where the directory says: with one file for both, owner1 is pinned as owner0 too.
        var e = Assert.Throws<InvalidDataException>(() => FederationDirectory.Load(Write("shared.crt", "./shared.crt")));
        Assert.Contains("owner1", e.Message);
    }

    [Fact]
    public void A_certificate_pinned_for_two_members_is_no_members()
    {
        var directory = FederationDirectory.Load(Write("owner0.crt", "owner1.crt"));
        using var owner1 = MemberCertificate.LoadOrCreate(Path.Combine(_dir, "keys1"), "owner1");
        directory.Publish("owner1", owner1);
        Assert.Equal("owner1", directory.OwnerOf(owner1));
        // owner0's file holds owner1's certificate (a copy, whoever made it): owner1's TLS peer would be taken for owner0.
        File.Copy(Path.Combine(_dir, "owner1.crt"), Path.Combine(_dir, "owner0.crt"));
        var again = FederationDirectory.Load(Path.Combine(_dir, "federation.json"));
        Assert.Null(again.OwnerOf(owner1));
    }
}

namespace ZkPot.Cli.Tests;

/// <summary>`zkpot member` with bad input: exit 2, one line naming the option, and nothing made (no TLS key, no published certificate).</summary>
public sealed class MemberCommandTests
{
    [Fact]
    public void Bad_input_exits_2_before_a_key_is_made_or_a_certificate_published()
    {
        string dir = CliRunner.TempDir();
        try
        {
            string federation = Path.Combine(dir, "federation.json");
            File.WriteAllText(federation, """{"members": [{"owner": "owner0", "url": "https://127.0.0.1:9440", "certificate": "owner0.crt"}]}""");
            string keys = Path.Combine(dir, "keys");
            string[] member = ["member", "--owner", "owner0", "--federation", federation, "--listen", "127.0.0.1:9440", "--key-dir", keys];

            var (code, _, err) = CliRunner.Run([.. member, "--storage-connection", "not a connection string"]);
            Assert.True(code == 2, err);
            Assert.Contains("--storage-connection", err);
            // Another owner's participant (and a bad connection, so that nothing would start were it taken).
            (code, _, err) = CliRunner.Run([.. member, "--participant", "owner1/p1", "--storage-connection", "not a connection string"]);
            Assert.True(code == 2, err);
            Assert.Contains("--participant", err);

            Assert.False(Directory.Exists(keys) && Directory.EnumerateFileSystemEntries(keys).Any(), "a key was made");
            Assert.False(File.Exists(Path.Combine(dir, "owner0.crt")), "a certificate was published");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using ZkPot.Grains.Federation;
using ZkPot.Grains.Services;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Federation;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;
using ZkPot.Member;

namespace ZkPot.Infra.Tests;

/// <summary>
/// `scripts/dev-cluster up --members 4`: four member processes (`zkpot member`), each its own Orleans cluster with its
/// own Azurite account and key store, meeting only over HTTPS with mutual TLS. A member killed with SIGKILL and started
/// again catches up by block sync; a Byzantine member process running its own code (claim equivocation after a lock,
/// the liveness attack; forged proofs) neither halts the federation nor gets a claim in.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class DevFederationTests
{
    // Ports away from the defaults and from DevClusterTests' (ZKPOT_TEST_PORT_BASE moves both).
    static readonly int PortBase = (int.TryParse(Environment.GetEnvironmentVariable("ZKPOT_TEST_PORT_BASE"), out int b) ? b : 700) + 40;

    /// <summary>A small task on short clocks (a development key: the ceremony is not what is tested here).</summary>
    const string SetupArgs = "--dev-setup --hidden 4 --test-samples 8 --train-samples 600 --claim-window-ms 4000 --view-timeout-ms 3000";

    /// <summary>
    /// One honest federation, two things tried on it. First the door: from outside the federation (no certificate, or
    /// one the directory does not pin), and as member owner0 (its own pinned certificate and its own validator key,
    /// taken from its key store) passing a message off as owner2's, and asking for a blob with a key outside the
    /// genesis set. Then a member killed with SIGKILL and started again catches up by block sync.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public async Task An_honest_federation_refuses_outsiders_and_forgeries_and_a_killed_member_catches_up()
    {
        using var federation = DevFederation.Up();
        federation.AssertSecretsStayPrivate();
        var first = federation.WaitForHeight(1, blocks: true);
        await federation.AttackOwner1sDoor(Heights(first)[0].Model);

        var kill = federation.Script("kill", "1");
        Assert.True(kill.ExitCode == 0, InfraScript.Describe(kill));
        // Three of four go on without it (a quorum), so the dead member falls behind.
        var behind = federation.WaitForHeight(3, "owner0,owner2,owner3");
        Assert.Contains("owner1: down", behind);
        var restart = federation.Script("up");
        Assert.True(restart.ExitCode == 0, InfraScript.Describe(restart));
        var caughtUp = federation.WaitForHeight(4);
        Assert.Contains("replicas agree", caughtUp);
        Assert.DoesNotContain("down", caughtUp);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_member_process_equivocating_its_claim_after_a_lock_does_not_halt_the_federation()
    {
        using var federation = DevFederation.Up("claim-equivocation");
        var status = federation.WaitForHeight(3, "owner0,owner1,owner2", blocks: true);
        Assert.Contains("replicas agree", status);
        // The equivocation was made and answered: its two signed claims are evidence in a block.
        Assert.Contains(Heights(status), h => h.Evidence > 0);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_member_process_forging_its_proofs_gets_no_claim_into_any_block()
    {
        using var federation = DevFederation.Up("forged-proof");
        var status = federation.WaitForHeight(2, "owner0,owner1,owner2", blocks: true);
        Assert.Contains("replicas agree", status);
        string forger = federation.NodeOf("owner3");
        var heights = Heights(status);
        Assert.True(heights.Count >= 2, status);
        Assert.All(heights, h => Assert.DoesNotContain(forger, h.Claims));
    }

    sealed record Height(long Number, string[] Claims, int Evidence, string Model);

    static List<Height> Heights(string status) =>
        Regex.Matches(status, @"^height (\d+): leader \w+ view \d+ claims ([\w,]*) evidence (\d+) model (\w+)$", RegexOptions.Multiline)
            .Select(m => new Height(long.Parse(m.Groups[1].Value), m.Groups[2].Value.Split(',', StringSplitOptions.RemoveEmptyEntries), int.Parse(m.Groups[3].Value),
                                    m.Groups[4].Value))
            .ToList();

    /// <summary>One local federation in a folder of its own, brought down (by PID) and removed when disposed.</summary>
    sealed class DevFederation : IDisposable
    {
        readonly string _dir = Path.Combine(Path.GetTempPath(), "zkpot-devfederation-" + Guid.NewGuid().ToString("N"));
        readonly Dictionary<string, string> _env;

        DevFederation() => _env = new() { ["ZKPOT_DEV_DIR"] = _dir, ["ZKPOT_DEV_PORT_BASE"] = PortBase.ToString(), ["ZKPOT_DEV_SETUP_ARGS"] = SetupArgs };

        public static DevFederation Up(string? byzantine = null)
        {
            var federation = new DevFederation();
            try
            {
                var up = federation.Script(byzantine is null ? ["up", "--members", "4"] : ["up", "--members", "4", "--byzantine", byzantine]);
                Assert.True(up.ExitCode == 0, InfraScript.Describe(up) + federation.Logs());
                return federation;
            }
            catch
            {
                federation.Dispose();
                throw;
            }
        }

        public ProcessOutput Script(params string[] arguments) =>
            ChildProcess.Run("bash", [Path.Combine(RepoPaths.Root, "scripts", "dev-cluster"), .. arguments], _env);

        string Task => File.ReadAllText(Path.Combine(_dir, "task")).Trim();

        /// <summary>The node id setup printed for a member's participant.</summary>
        public string NodeOf(string owner) =>
            Regex.Match(File.ReadAllText(Path.Combine(_dir, "setup.log")), $@"^member {owner}: participant \S+ node (\w+)$", RegexOptions.Multiline).Groups[1].Value is { Length: > 0 } node
                ? node : throw new InvalidOperationException($"setup did not name {owner}'s node");

        /// <summary>`zkpot federation status --wait-height`: every named member's replica holds the height and no two replicas disagree.</summary>
        public string WaitForHeight(int height, string? members = null, bool blocks = false)
        {
            string[] extra = [.. members is null ? [] : new[] { "--members", members }, .. blocks ? new[] { "--blocks" } : []];
            var run = ChildProcess.Run("bash", [Path.Combine(RepoPaths.Root, "scripts", "zkpot"), "federation", "status", "--operators", Path.Combine(_dir, "operators.json"),
                                                "--task", Task, "--wait-height", height.ToString(), "--timeout-s", "240", .. extra]);
            Assert.True(run.ExitCode == 0, InfraScript.Describe(run) + Logs());
            return run.Stdout;
        }

        /// <summary>
        /// The attacks on owner1's federation door. Each is paired with the same act done rightly, which
        /// must succeed, so a refusal is the defence's and not a broken test.
        /// </summary>
        public async Task AttackOwner1sDoor(string heldModel)
        {
            var door = new Uri($"https://127.0.0.1:{9440 + PortBase + 1}");
            string keys0 = Path.Combine(_dir, "keys", "owner0");
            using var owner0Certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(keys0, "owner0.tls.pfx"), password: null);
            var owner0 = new KeyStore(keys0).Get("owner0/p0");
            var task = new Hash32(Convert.FromHexString(Task));
            var model = Cid.Parse(heldModel);

            // Outsiders: no certificate, or a certificate the directory does not pin, fail at TLS.
            using (var anonymous = ClientWith(null))
                await Assert.ThrowsAnyAsync<HttpRequestException>(() => anonymous.PostAsync(new Uri(door, HttpsFederationLink.FramesPath), new ByteArrayContent([16])));
            using (var stranger = SelfSigned())
            using (var strangerClient = ClientWith(stranger))
                await Assert.ThrowsAnyAsync<HttpRequestException>(() => strangerClient.PostAsync(new Uri(door, HttpsFederationLink.RequestsPath),
                    new ByteArrayContent(FederationRequest.ForBlob(task, owner0, 1, model))));

            using var asOwner0 = ClientWith(owner0Certificate);
            // A blob request signed by a key outside the genesis set gets nothing; owner0's own request gets the blob.
            var outsider = NodeIdentity.FromSeed(System.Security.Cryptography.RandomNumberGenerator.GetBytes(NodeIdentity.SeedSize));
            var refused = await asOwner0.PostAsync(new Uri(door, HttpsFederationLink.RequestsPath),
                new ByteArrayContent(FederationRequest.ForBlob(task, outsider, FederationMessage.NextSequence(0, DateTimeOffset.UtcNow), model)));
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            var answered = await asOwner0.PostAsync(new Uri(door, HttpsFederationLink.RequestsPath),
                new ByteArrayContent(FederationRequest.ForBlob(task, owner0, FederationMessage.NextSequence(0, DateTimeOffset.UtcNow), model)));
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            Assert.Equal(model, Cid.Of(await answered.Content.ReadAsByteArrayAsync()));

            // A message passed off as owner2's (its sender field, owner0's signature) is refused at the door.
            int before = RefusedBy("owner1");
            var vote = new VoteMessage(Vote.Create(task, VoteKind.Prevote, 1_000, 0, Hash32.Sha256([1]), owner0));
            byte[] passedOff = FederationMessage.Create(task, owner0, FederationMessage.NextSequence(0, DateTimeOffset.UtcNow), vote);
            Convert.FromHexString(NodeOf("owner2")).CopyTo(passedOff, 32);
            var posted = await asOwner0.PostAsync(new Uri(door, HttpsFederationLink.FramesPath), new ByteArrayContent(LinkFrame.Of(16, passedOff)));
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            Assert.Equal(before + 1, RefusedBy("owner1"));
        }

        /// <summary>
        /// No member's command line (which `ps` shows every user) holds its storage account key, and what the federation
        /// keeps (Azurite's data, the key stores, the account keys) is readable by its own user only.
        /// </summary>
        public void AssertSecretsStayPrivate()
        {
            var members = Directory.GetFiles(_dir, "member*.pid");
            Assert.NotEmpty(members);
            foreach (string pid in members)
            {
                string commandLine = File.ReadAllText($"/proc/{File.ReadAllText(pid).Trim()}/cmdline").Replace('\0', ' ');
                Assert.Contains(" member ", commandLine);
                Assert.DoesNotContain("AccountKey", commandLine);
            }
            if (OperatingSystem.IsWindows()) return;
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                                        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            foreach (string path in new[] { "azurite", "keys", Path.Combine("keys", "owner0"), "accounts" })
                Assert.True((File.GetUnixFileMode(Path.Combine(_dir, path)) & others) == 0, $"{path} is {File.GetUnixFileMode(Path.Combine(_dir, path))}");
        }

        int RefusedBy(string owner)
        {
            var run = ChildProcess.Run("bash", [Path.Combine(RepoPaths.Root, "scripts", "zkpot"), "federation", "status", "--operators", Path.Combine(_dir, "operators.json"),
                                                "--task", Task]);
            var m = Regex.Match(run.Stdout, $@"^{owner}: .*refused (\d+),", RegexOptions.Multiline);
            return m.Success ? int.Parse(m.Groups[1].Value) : throw new InvalidOperationException(InfraScript.Describe(run));
        }

        static HttpClient ClientWith(X509Certificate2? certificate) => new(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },
                // The server's certificate is not what these tests are about.
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
        }) { Timeout = TimeSpan.FromSeconds(30) };

        static X509Certificate2 SelfSigned()
        {
            using var key = System.Security.Cryptography.ECDsa.Create();
            var request = new CertificateRequest("CN=not a member", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
            using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), password: null);
        }

        string Logs() =>
            "\n" + string.Join("\n", Directory.Exists(_dir) ? Directory.GetFiles(_dir, "*.log").Select(f => $"--- {Path.GetFileName(f)} (last lines)\n" +
                string.Join("\n", File.ReadLines(f).Where(l => !l.StartsWith("warn: Orleans", StringComparison.Ordinal) && !l.StartsWith("      ", StringComparison.Ordinal)
                                                                || l.Contains("ZkPot", StringComparison.Ordinal)).TakeLast(15))) : []);

        public void Dispose()
        {
            Script("down");
            if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        }
    }
}

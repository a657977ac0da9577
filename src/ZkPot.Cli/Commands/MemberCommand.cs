using System.CommandLine;
using System.Net;
using Azure.Storage.Blobs;
using ZkPot.Grains;
using ZkPot.Grains.Services;
using ZkPot.Grains.Simulation;
using ZkPot.Member;

namespace ZkPot.Cli.Commands;

/// <summary>
/// `zkpot member --owner O --federation FILE --listen IP:PORT [...] [--byzantine KIND]`: runs one member of a
/// federation as this process (its own Orleans cluster and storage, its keys in its own key store, the federation door
/// on mutual TLS) until it is stopped. With --byzantine it runs that adversary's code around its member instead of
/// behaving. Exit 2 for bad options or an unusable federation directory.
/// </summary>
public static class MemberCommand
{
    public static Command Create()
    {
        var owner = Options.RequiredText("--owner", "this member's name in the federation directory", "NAME");
        var participant = Options.OptionalText("--participant", "this member's participant (and validator) key", "OWNER/p0", "KEY");
        var federation = Options.RequiredText("--federation", "the federation directory: every member's name, HTTPS address and pinned TLS certificate (JSON)", "FILE");
        var listen = Options.RequiredText("--listen", "where this member's mutual-TLS federation door listens (its directory url's address)", "IP:PORT");
        var health = Options.Int("--health-port", "plain HTTP on 127.0.0.1 for /health/ready; 0: none", 0, 0, 65535);
        var siloPort = Options.Int("--silo-port", "this member's Orleans silo port (127.0.0.1)", 11111, 1, 65535);
        var gatewayPort = Options.Int("--gateway-port", "this member's Orleans gateway (127.0.0.1), for its operator's setup and status only", 30000, 1, 65535);
        var connection = Options.OptionalText("--storage-connection", "this member's own Azure Storage account (Azurite locally) for grain state and content; " +
            "it holds the account key, which the environment keeps from other users and a command line does not",
            "$ZKPOT_STORAGE_CONNECTION, else none: in memory, lost when the process ends", "CS");
        var keyDir = Options.OptionalText("--key-dir", "this member's key store (its signing keys and TLS key)", $"$ZKPOT_KEY_DIR, else {KeyStore.DefaultDirectory}", "DIR");
        var byzantine = Options.OptionalChoice("--byzantine", "run this adversary's code instead of behaving (a kind of simulate --attack)",
            "none: an honest member", [.. AttackNames.ByName.Keys.Where(k => k != "none")]);
        byzantine.HelpName = "KIND";
        var check = Options.Flag("--check", "check the options and the federation directory, then exit 0 without starting");
        var command = new Command("member", "one member of a federation as this process: its own cluster, storage and keys, the federation door on mutual TLS")
        {
            owner, participant, federation, listen, health, siloPort, gatewayPort, connection, keyDir, byzantine, check,
        };
        command.SetAction(p =>
        {
            string name = p.GetRequiredValue(owner);
            var options = new MemberOptions
            {
                Owner = name,
                Participant = p.GetValue(participant) ?? $"{name}/p0",
                FederationFile = p.GetRequiredValue(federation),
                Listen = Address(p.GetRequiredValue(listen)),
                HealthPort = p.GetValue(health),
                SiloPort = p.GetValue(siloPort),
                GatewayPort = p.GetValue(gatewayPort),
                StorageConnection = p.GetValue(connection) ?? Environment.GetEnvironmentVariable("ZKPOT_STORAGE_CONNECTION"),
                KeyDirectory = p.GetValue(keyDir) ?? Environment.GetEnvironmentVariable("ZKPOT_KEY_DIR") ?? KeyStore.DefaultDirectory,
                Byzantine = p.GetValue(byzantine) is { } kind ? AttackNames.ByName[kind] : AttackKind.None,
            };
            return Run(options, p.GetValue(check), p.Output());
        });
        return command;
    }

    static int Run(MemberOptions options, bool checkOnly, TextWriter stdout)
    {
        // Everything is checked before the member makes its TLS key or publishes its certificate: bad input changes nothing.
        string participantOwner;
        try { participantOwner = SiloRole.OwnerOf(options.Participant); }
        catch (ArgumentException e) { throw new UsageException($"--participant {options.Participant}: {e.Message}"); }
        if (participantOwner != options.Owner)
            throw new UsageException($"--participant {options.Participant}: a participant of {participantOwner}, not of this member ({options.Owner})");
        if (options.StorageConnection is { } connection)
        {
            try { _ = new BlobServiceClient(connection); }
            catch (Exception e) when (e is FormatException or ArgumentException) { throw new UsageException($"--storage-connection: not a storage connection string ({e.Message})"); }
        }
        try
        {
            var directory = FederationDirectory.Load(options.FederationFile);
            if (directory.Peers.All(peer => peer.Owner != options.Owner))
                throw new UsageException($"--owner {options.Owner} is not a member of {options.FederationFile}");
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException) { throw new UsageException($"--federation: {e.Message}"); }
        if (checkOnly) return 0;
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        MemberHost.RunAsync(options, stop.Token, line => stdout.WriteLine(line)).GetAwaiter().GetResult();
        return 0;
    }

    internal static IPEndPoint Address(string text) =>
        IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port != 0 ? endpoint
            : throw new UsageException($"--listen {text}: expected IP:PORT, for example 127.0.0.1:9440");
}

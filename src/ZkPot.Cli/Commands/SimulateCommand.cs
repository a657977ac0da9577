using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Spectre.Console;
using ZkPot.Grains;
using ZkPot.Grains.Hosting;
using ZkPot.Grains.Simulation;

namespace ZkPot.Cli.Commands;

/// <summary>
/// `zkpot simulate --participants N --byzantine F --attack KIND --rounds R --silos S [--storage memory|azurite]
/// [--storage-connection CS] [--gateway HOST:PORT] [--json OUT] [--chain-dir DIR] [--allow-unsafe] [--hidden H]
/// [--test-samples B] [--seed S] [--train-samples T] [--ceremony-contributors C] [--ptau PREPARED.ptau | --dev-setup]
/// [--beacon HEX] [--cache-dir DIR] [--outside I,J] [--key-dir DIR]`: an embedded cluster of S silos
/// (silo 0 has the GPU), or with --gateway the silo processes behind that gateway (participants spread over owners
/// owner0..owner{S-1}), runs R ZKPoT rounds on Fashion-MNIST with real Groth16 proofs, N participants of which the last
/// F are Byzantine. Azurite storage (and --gateway) use --storage-connection, else ZKPOT_STORAGE_CONNECTION, else
/// Azurite's default local endpoints. --outside names participants run by `zkpot participant` processes: the rounds wait
/// until they have attached. The key comes from a ceremony among the first C participants (phase 1 made once per
/// power and kept in the cache folder, or taken from --ptau; phase 2 every run); --dev-setup, and only it, uses a
/// development key instead, which the chain's setup transcript then names. Exit 0 when every round committed and no Byzantine claim or update got in;
/// 1 otherwise; 2 for bad options (F >= N/3 without --allow-unsafe).
/// </summary>
public static class SimulateCommand
{
    public static int Run(Args args, TextWriter stdout)
    {
        int participants = args.Int("participants", 4, 1, 100);
        int byzantine = args.Int("byzantine", 0, 0, 99);
        string attack = args.Optional("attack") ?? (byzantine > 0 ? AttackNames.Mixed : "none");
        int rounds = args.Int("rounds", 2, 1, 1000);
        int silos = args.Int("silos", 2, 1, 16);
        string? gateway = args.Optional("gateway");
        string storage = args.Optional("storage") ?? (gateway is null ? "memory" : "azurite");
        // The embedded members' key store: on memory storage a fresh folder (the chain dies with the run); on Azurite
        // the persistent one, so a later run with the same keys continues the chain.
        string? keyDirectory = args.Optional("key-dir") ?? Environment.GetEnvironmentVariable("ZKPOT_KEY_DIR");
        string connection = StorageConnection(args);
        string? jsonPath = args.Optional("json");
        string chainDir = args.Optional("chain-dir") ?? Path.Combine(Path.GetTempPath(), $"zkpot-chain-{Environment.ProcessId}");
        bool allowUnsafe = args.Flag("allow-unsafe");
        var settings = new SimulationSettings
        {
            Participants = participants, Byzantine = byzantine, Attack = attack, Rounds = rounds, Silos = silos,
            Hidden = args.Int("hidden", 8, 1, 64), TestSamples = args.Int("test-samples", 16, 1, 256), Seed = args.Int("seed", 1, 0, int.MaxValue),
            TrainSamplesPerParticipant = args.Int("train-samples", 1000, 10, 60000),
            CeremonyContributors = args.Int("ceremony-contributors", participants, 1, participants),
            Outside = Outside(args.Optional("outside"), participants),
            PtauPath = ExistingFile(args.Optional("ptau"), "--ptau"),
            DevSetup = args.Flag("dev-setup"),
            Beacon = Hex(args.Optional("beacon"), "--beacon"),
            CacheDirectory = args.Optional("cache-dir"),
        };
        args.RejectUnknown();
        if (storage is not ("memory" or "azurite")) throw new UsageException($"--storage {storage}: expected memory or azurite");
        if (gateway is not null && storage != "azurite")
            throw new UsageException("--gateway needs --storage azurite: the coordinator reads models and keys from the silos' blob storage");
        var gatewayEndpoint = gateway is null ? null : Endpoint(gateway);
        if (settings.Outside.Count > 0 && gateway is null)
            throw new UsageException("--outside needs --gateway: outside participants join a cluster of silo processes through its gateway");
        if (byzantine >= participants) throw new UsageException($"--byzantine {byzantine} must be smaller than --participants {participants}");
        if (3 * byzantine >= participants && !allowUnsafe)
            throw new UsageException($"--byzantine {byzantine} of --participants {participants} breaks n >= 3f+1 (the most tolerated is {(participants - 1) / 3}); add --allow-unsafe to run it anyway");
        AttackNames.Deal(attack, byzantine);
        if (settings.DevSetup && (settings.PtauPath is not null || settings.Beacon is not null))
            throw new UsageException("--dev-setup makes a development key: it takes neither --ptau nor --beacon");
        if (settings.DevSetup)
            Console.Error.WriteLine("WARNING: --dev-setup: the task key is a development key (every secret drawn in one process); the chain's setup transcript says so.");

        if (storage == "azurite") keyDirectory ??= ZkPot.Grains.Services.KeyStore.DefaultDirectory;
        var keys = keyDirectory is null ? null : new ZkPot.Grains.Services.KeyStore(keyDirectory);
        var result = RunAsync(settings, chainDir, () => Connect(settings.Silos, storage, connection, gatewayEndpoint, keys)).GetAwaiter().GetResult();
        PrintTable(result, settings);
        if (jsonPath is not null) WriteJson(jsonPath, result);
        stdout.WriteLine($"final accuracy {result.FinalAccuracy:P2} on the Fashion-MNIST test set; chain exported to {chainDir} " +
                         $"(zkpot chain verify --dir {chainDir} --genesis {result.GenesisHash}); setup {result.SetupSeconds:F1} s, total {result.TotalSeconds:F1} s");
        bool healthy = result.Rounds.All(r => r.Committed && r.ByzantineAccepted == 0);
        return healthy || 3 * byzantine >= participants ? 0 : 1;
    }

    static string? ExistingFile(string? path, string option) =>
        path is null || File.Exists(path) ? path : throw new UsageException($"{option} {path}: no such file");

    static byte[]? Hex(string? hex, string option)
    {
        if (hex is null) return null;
        try
        {
            var bytes = Convert.FromHexString(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex);
            return bytes.Length is > 0 and <= 255 ? bytes : throw new UsageException($"{option} holds 1 to 255 bytes, got {bytes.Length}");
        }
        catch (FormatException)
        {
            throw new UsageException($"{option} must be hexadecimal bytes, got '{hex}'");
        }
    }

    /// <summary>--storage-connection, else ZKPOT_STORAGE_CONNECTION, else Azurite's default local endpoints.</summary>
    internal static string StorageConnection(Args args) =>
        args.Optional("storage-connection") ?? Environment.GetEnvironmentVariable("ZKPOT_STORAGE_CONNECTION") ?? "UseDevelopmentStorage=true";

    /// <summary>Parses --outside I,J,...: participants that run as `zkpot participant` processes.</summary>
    static HashSet<int> Outside(string? list, int participants)
    {
        var set = new HashSet<int>();
        foreach (string item in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int i) || i >= participants)
                throw new UsageException($"--outside {list}: '{item}' is not a participant index below {participants}");
            set.Add(i);
        }
        return set;
    }

    /// <summary>Parses HOST:PORT (an IP address or a host name that resolves); a usage error otherwise.</summary>
    internal static IPEndPoint Endpoint(string text)
    {
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
            throw new UsageException($"--gateway {text}: expected HOST:PORT, for example 127.0.0.1:30000");
        string host = text[..colon];
        if (IPAddress.TryParse(host, out var address)) return new IPEndPoint(address, port);
        try { return new IPEndPoint(Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork), port); }
        catch (Exception e) when (e is SocketException or InvalidOperationException) { throw new UsageException($"--gateway {text}: cannot resolve host {host}"); }
    }

    static async Task<IZkPotCluster> Connect(int silos, string storage, string connection, IPEndPoint? gateway, ZkPot.Grains.Services.KeyStore? keys)
    {
        try
        {
            if (gateway is not null) return await GatewayClient.ConnectAsync(gateway, connection);
            var store = storage == "azurite" ? ZkPotStorage.AzureBlob(new BlobServiceClient(connection)) : ZkPotStorage.SharedMemory(new SharedStateStore());
            return await EmbeddedCluster.StartAsync(silos, store, keys: keys);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new UsageException($"cannot reach the cluster or its storage ({(gateway is null ? storage : $"gateway {gateway}")}): {e.Message.Split('\n')[0]}" +
                                     " — is Azurite running (scripts/dev-cluster up starts it with three silos)?");
        }
    }

    static async Task<SimulationResult> RunAsync(SimulationSettings settings, string chainDir, Func<Task<IZkPotCluster>> connect)
    {
        SimulationResult? result = null;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async ctx =>
        {
            var start = ctx.AddTask("[grey]cluster[/]", maxValue: 1);
            await using var cluster = await connect();
            start.Increment(1);
            var tasks = new Dictionary<string, ProgressTask>();
            var progress = new Progress<SimulationProgress>(p =>
            {
                if (!tasks.TryGetValue(p.Phase, out var task)) tasks[p.Phase] = task = ctx.AddTask(Markup.Escape(p.Phase), maxValue: Math.Max(1, p.Total));
                task.Description = Markup.Escape($"{p.Phase}: {p.Message}");
                task.Value = p.Done;
            });
            result = await new FederatedSimulation(cluster.Grains, cluster.Content, settings).RunAsync(chainDir, progress);
        });
        return result!;
    }

    static void PrintTable(SimulationResult result, SimulationSettings settings)
    {
        var table = new Table().AddColumns("round", "leader", "verified acc.", "accepted", "rejected (reason)", "global acc.", "prove max s", "verify s", "consensus s", "view", "block");
        foreach (var r in result.Rounds)
        {
            string rejected = string.Join(", ", r.Rejected.Select(x => $"{x.Participant} ({x.Reason}, {AttackNames.NameOf(result.Attacks.GetValueOrDefault(x.Participant))})"));
            table.AddRow(r.Round.ToString(), Markup.Escape(r.Leader), $"{r.LeaderCorrect}/{r.TestSamples}", r.Accepted.Count.ToString(), Markup.Escape(rejected.Length == 0 ? "-" : rejected),
                r.Committed ? $"{r.GlobalAccuracy:P1}" : "-", $"{r.ProveSecondsMax:F2}", $"{r.VerifySecondsTotal:F2}", $"{r.ConsensusSeconds:F2}", r.View.ToString(),
                r.Committed ? r.BlockHash[..16] : "NOT COMMITTED");
        }
        AnsiConsole.Write(table);
        foreach (var r in result.Rounds.Where(r => !r.Committed))
            foreach (string problem in r.Problems) AnsiConsole.MarkupLine(Markup.Escape($"round {r.Round}: {problem}"));
        AnsiConsole.MarkupLine(Markup.Escape($"n={settings.Participants} f={settings.Byzantine} attack={settings.Attack} silos={settings.Silos} hidden={settings.Hidden} batch={settings.TestSamples}"));
    }

    static void WriteJson(string path, SimulationResult result)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartArray("rounds");
        foreach (var r in result.Rounds)
        {
            json.WriteStartObject();
            json.WriteNumber("round", r.Round);
            json.WriteBoolean("committed", r.Committed);
            json.WriteString("leader", r.Leader);
            json.WriteNumber("leader_correct", r.LeaderCorrect);
            json.WriteNumber("global_accuracy", r.GlobalAccuracy);
            json.WriteStartArray("accepted");
            foreach (var a in r.Accepted) json.WriteStringValue(a.Participant);
            json.WriteEndArray();
            json.WriteStartArray("rejected");
            foreach (var x in r.Rejected)
            {
                json.WriteStartObject();
                json.WriteString("participant", x.Participant);
                json.WriteString("reason", x.Reason);
                json.WriteString("attack", AttackNames.NameOf(result.Attacks.GetValueOrDefault(x.Participant)));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("aggregated");
            foreach (var a in r.Aggregated) json.WriteStringValue(a);
            json.WriteEndArray();
            json.WriteNumber("byzantine_accepted", r.ByzantineAccepted);
            json.WriteString("block_hash", r.BlockHash);
            json.WriteNumber("view", r.View);
            json.WriteNumber("prove_seconds_max", r.ProveSecondsMax);
            json.WriteNumber("verify_seconds_total", r.VerifySecondsTotal);
            json.WriteNumber("proofs_verified", r.ProofsVerified);
            json.WriteNumber("consensus_seconds", r.ConsensusSeconds);
            json.WriteNumber("train_prove_seconds", r.TrainProveSeconds);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("final_accuracy", result.FinalAccuracy);
        json.WriteString("chain_dir", result.ChainDirectory);
        json.WriteString("genesis_hash", result.GenesisHash);
        json.WriteNumber("setup_seconds", result.SetupSeconds);
        json.WriteNumber("total_seconds", result.TotalSeconds);
        json.WriteEndObject();
    }
}

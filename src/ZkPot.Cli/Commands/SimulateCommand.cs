using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using ZkPot.Cli.Output;
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
/// 1 otherwise; 2 for bad options (F >= N/3 without --allow-unsafe). Progress and the round table are live and boxed on a
/// terminal wide enough, plain lines otherwise (<see cref="LiveProgress"/>, <see cref="ResultTable"/>).
/// </summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var participants = Options.Int("--participants", "participants, every one also a validator", 4, 1, 100);
        var byzantine = Options.Int("--byzantine", "Byzantine participants, the last ones (below --participants / 3 unless --allow-unsafe)", 0, 0, 99);
        var attack = Options.OptionalChoice("--attack", "what the Byzantine participants do (mixed: every attack in turn)",
            $"{AttackNames.Mixed} when --byzantine > 0, else none", [.. AttackNames.ByName.Keys, AttackNames.Mixed]);
        attack.HelpName = "KIND";
        var rounds = Options.Int("--rounds", "rounds to run", 2, 1, 1000);
        var silos = Options.Int("--silos", "silos of the embedded cluster (silo 0 has the GPU), or of the cluster behind --gateway", 2, 1, 16);
        var storage = Options.OptionalChoice("--storage", "where grain state and content live", "memory, or azurite with --gateway", "memory", "azurite");
        var connection = StorageConnectionOption();
        var gateway = Options.OptionalText("--gateway", "run on the silo processes behind this Orleans gateway (needs --storage azurite)",
            "none: an embedded cluster in this process", "HOST:PORT");
        var json = Options.OptionalText("--json", "where to write every round's report (JSON)", "none: not written", "OUT");
        var chainDir = Options.OptionalText("--chain-dir", "where to export the chain (for zkpot chain verify)",
            Path.Combine(Path.GetTempPath(), "zkpot-chain-PID"), "DIR");
        var allowUnsafe = Options.Flag("--allow-unsafe", "run with a third or more of the participants Byzantine (outside n >= 3f+1)");
        var hidden = Options.Int("--hidden", "hidden units of the model", 8, 1, 64);
        var samples = Options.Int("--test-samples", "size of the public test batch each participant proves its accuracy on", TaskSpec.DefaultTestSamples, 1, 256);
        var seed = Options.Int("--seed", "seed of the task: shards, initial model, test batch", 1, 0, int.MaxValue);
        var trainSamples = Options.Int("--train-samples", "training samples per participant", 1000, 10, 60000);
        var contributors = Options.OptionalInt("--ceremony-contributors", "participants (the first ones) who contribute to the setup ceremony",
            "all participants", 1, 100);
        var outside = Options.OptionalText("--outside", "participants (by index) run by `zkpot participant` processes; the rounds wait for them to attach",
            "none: every participant runs in the cluster", "I,J,...");
        var keyDir = Options.OptionalText("--key-dir", "the members' key store",
            $"$ZKPOT_KEY_DIR; else with azurite {ZkPot.Grains.Services.KeyStore.DefaultDirectory}, with memory none (fresh keys in memory)", "DIR");
        var ptau = Options.OptionalText("--ptau", "a public prepared powers-of-tau file for phase 1 (then only phase 2 runs among the members)",
            "none: the members run phase 1, kept in the cache folder", "PTAU");
        var devSetup = Options.Flag("--dev-setup", "a development key instead of a ceremony: UNSAFE, and the chain's setup transcript says so");
        var beacon = Options.OptionalText("--beacon", "the public random value (hex, 1 to 255 bytes) that closes the members' phase 1",
            "none: a hash of the phase-1 transcript (a stand-in)", "HEX");
        var cacheDir = Options.OptionalText("--cache-dir", "where the members' prepared phase 1 is kept between runs",
            "$ZKPOT_CACHE, else $XDG_CACHE_HOME/zkpot, else ~/.cache/zkpot", "DIR");
        var command = new Command("simulate", "the main job: a setup ceremony among the members, then ZKPoT rounds on Fashion-MNIST on an Orleans cluster")
        {
            participants, byzantine, attack, rounds, silos, storage, connection, gateway, json, chainDir, allowUnsafe, hidden, samples, seed,
            trainSamples, contributors, outside, keyDir, ptau, devSetup, beacon, cacheDir,
        };
        command.SetAction(p =>
        {
            int n = p.GetValue(participants), f = p.GetValue(byzantine);
            if (p.GetValue(contributors) is { } c && c > n) throw new UsageException($"--ceremony-contributors {c} must not exceed --participants {n}");
            var settings = new SimulationSettings
            {
                Participants = n, Byzantine = f, Attack = p.GetValue(attack) ?? (f > 0 ? AttackNames.Mixed : "none"), Rounds = p.GetValue(rounds),
                Silos = p.GetValue(silos), Hidden = p.GetValue(hidden), TestSamples = p.GetValue(samples), Seed = p.GetValue(seed),
                TrainSamplesPerParticipant = p.GetValue(trainSamples),
                CeremonyContributors = p.GetValue(contributors) ?? n,
                Outside = Outside(p.GetValue(outside), n),
                PtauPath = ExistingFile(p.GetValue(ptau), "--ptau"),
                DevSetup = p.GetValue(devSetup),
                Beacon = Hex(p.GetValue(beacon), "--beacon"),
                CacheDirectory = p.GetValue(cacheDir),
            };
            string? gatewayText = p.GetValue(gateway);
            return Run(settings, p.GetValue(storage) ?? (gatewayText is null ? "memory" : "azurite"), StorageConnection(p.GetValue(connection)), gatewayText,
                p.GetValue(keyDir) ?? Environment.GetEnvironmentVariable("ZKPOT_KEY_DIR"), p.GetValue(json),
                p.GetValue(chainDir) ?? Path.Combine(Path.GetTempPath(), $"zkpot-chain-{Environment.ProcessId}"), p.GetValue(allowUnsafe), p.Output());
        });
        return command;
    }

    static int Run(SimulationSettings settings, string storage, string connection, string? gateway, string? keyDirectory, string? jsonPath,
        string chainDir, bool allowUnsafe, TextWriter stdout)
    {
        int participants = settings.Participants, byzantine = settings.Byzantine;
        if (gateway is not null && storage != "azurite")
            throw new UsageException("--gateway needs --storage azurite: the coordinator reads models and keys from the silos' blob storage");
        var gatewayEndpoint = gateway is null ? null : Endpoint(gateway);
        if (settings.Outside.Count > 0 && gateway is null)
            throw new UsageException("--outside needs --gateway: outside participants join a cluster of silo processes through its gateway");
        if (byzantine >= participants) throw new UsageException($"--byzantine {byzantine} must be smaller than --participants {participants}");
        if (3 * byzantine >= participants && !allowUnsafe)
            throw new UsageException($"--byzantine {byzantine} of --participants {participants} breaks n >= 3f+1 (the most tolerated is {(participants - 1) / 3}); add --allow-unsafe to run it anyway");
        AttackNames.Deal(settings.Attack, byzantine);
        if (settings.DevSetup && (settings.PtauPath is not null || settings.Beacon is not null))
            throw new UsageException("--dev-setup makes a development key: it takes neither --ptau nor --beacon");
        if (settings.DevSetup)
            Console.Error.WriteLine("WARNING: --dev-setup: the task key is a development key (every secret drawn in one process); the chain's setup transcript says so.");

        // The embedded members' key store: on memory storage a fresh folder (the chain dies with the run); on Azurite
        // the persistent one, so a later run with the same keys continues the chain.
        if (storage == "azurite") keyDirectory ??= ZkPot.Grains.Services.KeyStore.DefaultDirectory;
        var keys = keyDirectory is null ? null : new ZkPot.Grains.Services.KeyStore(keyDirectory);
        var terminal = Terminal.Of(stdout);
        var result = RunAsync(settings, chainDir, () => Connect(settings.Silos, storage, connection, gatewayEndpoint, keys), stdout, terminal).GetAwaiter().GetResult();
        RoundTable(result, settings).Write(stdout, terminal);
        foreach (var r in result.Rounds.Where(r => !r.Committed))
            foreach (string problem in r.Problems) stdout.WriteLine($"round {r.Round}: {problem}");
        stdout.WriteLine($"n={settings.Participants} f={settings.Byzantine} attack={settings.Attack} silos={settings.Silos} hidden={settings.Hidden} batch={settings.TestSamples}");
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

    /// <summary>--storage-connection: the Azure Storage connection of the cluster's state and content (simulate and participant).</summary>
    internal static Option<string?> StorageConnectionOption() =>
        Options.OptionalText("--storage-connection", "the Azure Storage connection string of the cluster's state and content (azurite storage, --gateway)",
            "$ZKPOT_STORAGE_CONNECTION, else Azurite's local endpoints (UseDevelopmentStorage=true)", "CS");

    /// <summary>--storage-connection, else ZKPOT_STORAGE_CONNECTION, else Azurite's default local endpoints.</summary>
    internal static string StorageConnection(string? given) =>
        given ?? Environment.GetEnvironmentVariable("ZKPOT_STORAGE_CONNECTION") ?? "UseDevelopmentStorage=true";

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

    static async Task<SimulationResult> RunAsync(SimulationSettings settings, string chainDir, Func<Task<IZkPotCluster>> connect, TextWriter stdout, Terminal terminal)
    {
        using var live = new LiveProgress(stdout, terminal);
        live.Report(new("cluster", settings.Silos == 1 ? "starting 1 silo" : $"starting {settings.Silos} silos", 0, 1));
        await using var cluster = await connect();
        live.Report(new("cluster", "ready", 1, 1));
        return await new FederatedSimulation(cluster.Grains, cluster.Content, settings).RunAsync(chainDir, live);
    }

    /// <summary>A row per round: its leader, verdicts, accuracy, timings and block.</summary>
    static ResultTable RoundTable(SimulationResult result, SimulationSettings settings)
    {
        var table = new ResultTable("round", "leader", "verified acc.", "accepted", "rejected (reason)", "global acc.", "prove max s", "verify s", "consensus s", "view", "block");
        foreach (var r in result.Rounds)
        {
            string rejected = string.Join(", ", r.Rejected.Select(x => $"{x.Participant} ({x.Reason}, {AttackNames.NameOf(result.Attacks.GetValueOrDefault(x.Participant))})"));
            table.AddRow(r.Round.ToString(CultureInfo.InvariantCulture), r.Leader, $"{r.LeaderCorrect}/{r.TestSamples}", r.Accepted.Count.ToString(CultureInfo.InvariantCulture),
                rejected.Length == 0 ? "-" : rejected, r.Committed ? $"{r.GlobalAccuracy:P1}" : "-", $"{r.ProveSecondsMax:F2}", $"{r.VerifySecondsTotal:F2}",
                $"{r.ConsensusSeconds:F2}", r.View.ToString(CultureInfo.InvariantCulture), r.Committed ? r.BlockHash[..16] : "NOT COMMITTED");
        }
        return table;
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

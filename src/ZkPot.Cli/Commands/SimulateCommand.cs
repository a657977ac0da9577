using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Azure;
using ZkPot.Cli.Output;
using ZkPot.Grains;
using ZkPot.Grains.Federation;
using ZkPot.Grains.Hosting;
using ZkPot.Grains.Simulation;

namespace ZkPot.Cli.Commands;

/// <summary>
/// `zkpot simulate --participants N --byzantine F --attack KIND --rounds R [--drop P] [--duplicate P] [--delay-ms MS]
/// [--claim-window-ms MS] [--json OUT] [--chain-dir DIR] [--allow-unsafe] [--hidden H] [--test-samples B] [--seed S]
/// [--train-samples T] [--ptau PREPARED.ptau | --dev-setup] [--beacon HEX] [--cache-dir DIR]`: the embedded federation
/// (<see cref="FederationSimulation"/>): N members, each its own Orleans cluster with its own storage and keys, meet
/// only over an in-process link (which loses, duplicates and delays messages as --drop, --duplicate and --delay-ms say)
/// and run R heights of ZKPoT on Fashion-MNIST with real Groth16 proofs on their own clocks; the last F run their own
/// attack code. The key comes from a ceremony among the members (phase 1 made once per power and kept in the cache
/// folder, or taken from --ptau; phase 2 every run); --dev-setup, and only it, uses a development key instead, which the
/// chain's setup transcript then names.
/// <para>
/// With `--gateway HOST:PORT [--silos S] [--storage azurite] [--storage-connection CS] [--ceremony-contributors C]
/// [--outside I,J]` it drives instead the silo processes behind that gateway (scripts/dev-cluster): one honest
/// organisation whose round grains relay its validators' messages (participants spread over owner0..owner{S-1});
/// attacks are refused there (they run as separate members in the embedded federation). Its storage is Azurite's:
/// --storage-connection, else ZKPOT_STORAGE_CONNECTION, else Azurite's default local endpoints. --outside names
/// participants run by `zkpot participant` processes: the rounds wait until they have attached.
/// </para>
/// Exit 0 when every round committed, the honest replicas agree and no Byzantine claim or update got in; 1 otherwise;
/// 2 for bad options (F >= N/3 without --allow-unsafe, an option of the other mode). Progress and the round table are
/// live and boxed on a terminal wide enough, plain lines otherwise (<see cref="LiveProgress"/>, <see cref="ResultTable"/>).
/// </summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var participants = Options.Int("--participants", "participants, every one also a validator (in the embedded federation, each a member of its own)",
            4, 1, 100);
        var byzantine = Options.Int("--byzantine",
            "Byzantine members, the last ones, each running its own attack code (below --participants / 3 unless --allow-unsafe; not with --gateway)", 0, 0, 99);
        var attack = Options.OptionalChoice("--attack", "what the Byzantine members do (mixed: every attack in turn)",
            $"{AttackNames.Mixed} when --byzantine > 0, else none", [.. AttackNames.ByName.Keys, AttackNames.Mixed]);
        attack.HelpName = "KIND";
        var rounds = Options.Int("--rounds", "rounds (heights) to run", 2, 1, 1000);
        var drop = Options.OptionalNumber("--drop", "share of the messages between members the link loses", "0: none lost", 0, 1, maxExcluded: true);
        var duplicate = Options.OptionalNumber("--duplicate", "share of the messages between members the link delivers twice", "0: none", 0, 1);
        var delay = Options.OptionalInt("--delay-ms", "most milliseconds the link holds a message between members (so they arrive out of order)",
            "0: none", 0, 60_000);
        var claimWindow = Options.OptionalInt("--claim-window-ms", "how long after a block commits the members take claims for the next height",
            $"{new ConsensusTiming().ClaimWindowMs}", 500, 600_000);
        var silos = Options.OptionalInt("--silos", "silos of the cluster behind --gateway (participant i belongs to owner{i mod S})",
            "2 (with --gateway; in the embedded federation each member is one silo)", 1, 16);
        var storage = Options.OptionalChoice("--storage", "where grain state and content live", "memory (each member's own), azurite with --gateway",
            "memory", "azurite");
        var connection = StorageConnectionOption();
        var gateway = Options.OptionalText("--gateway", "run one honest organisation on the silo processes behind this Orleans gateway (needs --storage azurite)",
            "none: the embedded federation in this process", "HOST:PORT");
        var json = Options.OptionalText("--json", "where to write every round's report (JSON)", "none: not written", "OUT");
        var chainDir = Options.OptionalText("--chain-dir", "where to export the chain (for zkpot chain verify)",
            Path.Combine(Path.GetTempPath(), "zkpot-chain-PID"), "DIR");
        var allowUnsafe = Options.Flag("--allow-unsafe", "run with a third or more of the participants Byzantine (outside n >= 3f+1)");
        var hidden = Options.Int("--hidden", "hidden units of the model", 8, 1, 64);
        var samples = Options.Int("--test-samples", "size of the public test batch each participant proves its accuracy on", TaskSpec.DefaultTestSamples, 1, 256);
        var seed = Options.Int("--seed", "seed of the task (shards, initial model, test batch) and of the link's faults", 1, 0, int.MaxValue);
        var trainSamples = Options.Int("--train-samples", "training samples per participant", 1000, 10, 60000);
        var contributors = Options.OptionalInt("--ceremony-contributors", "participants (the first ones) who contribute to the setup ceremony behind --gateway",
            "all participants (in the embedded federation, every member)", 1, 100);
        var outside = Options.OptionalText("--outside",
            "participants (by index) run by `zkpot participant` processes; the rounds wait for them to attach (needs --gateway)",
            "none: every participant runs in the cluster", "I,J,...");
        var ptau = Options.OptionalText("--ptau", "a public prepared powers-of-tau file for phase 1 (then only phase 2 runs among the members)",
            "none: the members run phase 1, kept in the cache folder", "PTAU");
        var devSetup = Options.Flag("--dev-setup", "a development key instead of a ceremony: UNSAFE, and the chain's setup transcript says so");
        var beacon = Options.OptionalText("--beacon", "the public random value (hex, 1 to 255 bytes) that closes the members' phase 1",
            "none: a hash of the phase-1 transcript (a stand-in)", "HEX");
        var cacheDir = Options.OptionalText("--cache-dir", "where the members' prepared phase 1 is kept between runs",
            "$ZKPOT_CACHE, else $XDG_CACHE_HOME/zkpot, else ~/.cache/zkpot", "DIR");
        var command = new Command("simulate",
            "the main job: a setup ceremony among the members, then ZKPoT rounds on Fashion-MNIST among members of their own (or one organisation's cluster behind --gateway)")
        {
            participants, byzantine, attack, rounds, drop, duplicate, delay, claimWindow, silos, storage, connection, gateway, json, chainDir, allowUnsafe,
            hidden, samples, seed, trainSamples, contributors, outside, ptau, devSetup, beacon, cacheDir,
        };
        command.SetAction(p =>
        {
            int n = p.GetValue(participants), f = p.GetValue(byzantine);
            string? gatewayText = p.GetValue(gateway);
            string? refused = gatewayText is null
                ? RefusedByFederation(p, silos, storage, connection, contributors, outside)
                : RefusedBehindGateway(p, drop, duplicate, delay, claimWindow);
            if (refused is not null) throw new UsageException(refused);
            if (p.GetValue(contributors) is { } c && c > n) throw new UsageException($"--ceremony-contributors {c} must not exceed --participants {n}");
            var settings = new SimulationSettings
            {
                Participants = n, Byzantine = f, Attack = p.GetValue(attack) ?? (f > 0 ? AttackNames.Mixed : "none"), Rounds = p.GetValue(rounds),
                Silos = gatewayText is null ? 1 : p.GetValue(silos) ?? 2, Hidden = p.GetValue(hidden), TestSamples = p.GetValue(samples), Seed = p.GetValue(seed),
                TrainSamplesPerParticipant = p.GetValue(trainSamples),
                CeremonyContributors = p.GetValue(contributors) ?? n,
                Outside = Outside(p.GetValue(outside), n),
                PtauPath = ExistingFile(p.GetValue(ptau), "--ptau"),
                DevSetup = p.GetValue(devSetup),
                Beacon = Hex(p.GetValue(beacon), "--beacon"),
                CacheDirectory = p.GetValue(cacheDir),
            };
            long window = p.GetValue(claimWindow) ?? new ConsensusTiming().ClaimWindowMs;
            var federation = new FederationOptions
            {
                Timing = new ConsensusTiming { ClaimWindowMs = window },
                Faults = new LinkFaults
                {
                    DropRate = p.GetValue(drop) ?? 0, DuplicateRate = p.GetValue(duplicate) ?? 0, MaxDelayMs = p.GetValue(delay) ?? 0, Seed = (ulong)settings.Seed,
                },
                // A height takes at least the claim window; a few minutes on top for training, proofs and views.
                HeightTimeout = TimeSpan.FromMilliseconds(window) + TimeSpan.FromMinutes(3),
            };
            string chain = p.GetValue(chainDir) ?? Path.Combine(Path.GetTempPath(), $"zkpot-chain-{Environment.ProcessId}");
            return gatewayText is null
                ? RunFederation(settings, federation, p.GetValue(json), chain, p.GetValue(allowUnsafe), p.Output(), p.InvocationConfiguration.Error)
                : RunRelayed(settings, p.GetValue(storage) ?? "azurite", StorageConnection(p.GetValue(connection)), gatewayText, p.GetValue(json), chain,
                             p.GetValue(allowUnsafe), p.Output());
        });
        return command;
    }

    /// <summary>What the embedded federation refuses: the options of a cluster behind a gateway. Null when none is given.</summary>
    static string? RefusedByFederation(ParseResult p, Option<int?> silos, Option<string?> storage, Option<string?> connection, Option<int?> contributors,
                                       Option<string?> outside)
    {
        if (p.GetValue(outside) is not null)
            return "--outside needs --gateway: outside participants join a cluster of silo processes through its gateway";
        if (p.GetValue(storage) == "azurite" || p.GetValue(connection) is not null)
            return "--storage azurite and --storage-connection need --gateway: in the embedded federation each member keeps its state in its own memory";
        if (p.GetValue(silos) is not null) return "--silos needs --gateway: in the embedded federation each member is a cluster of one silo";
        if (p.GetValue(contributors) is not null)
            return "--ceremony-contributors needs --gateway: in the embedded federation every member contributes to the ceremony";
        return null;
    }

    /// <summary>What a single organisation's cluster behind a gateway refuses: the federation's link and clock. Null when none is given.</summary>
    static string? RefusedBehindGateway(ParseResult p, Option<double?> drop, Option<double?> duplicate, Option<int?> delay, Option<int?> claimWindow)
    {
        if (p.GetValue(drop) is not null || p.GetValue(duplicate) is not null || p.GetValue(delay) is not null)
            return "--drop, --duplicate and --delay-ms are the embedded federation's link: behind --gateway the round grains relay in lock-step";
        if (p.GetValue(claimWindow) is not null)
            return "--claim-window-ms is the embedded federation's clock: behind --gateway the round grains run on logical time";
        return null;
    }

    /// <summary>The checks both modes share: how many are Byzantine, the setup options.</summary>
    static void CheckCommon(SimulationSettings settings, bool allowUnsafe)
    {
        int participants = settings.Participants, byzantine = settings.Byzantine;
        if (byzantine >= participants) throw new UsageException($"--byzantine {byzantine} must be smaller than --participants {participants}");
        if (3 * byzantine >= participants && !allowUnsafe)
            throw new UsageException($"--byzantine {byzantine} of --participants {participants} breaks n >= 3f+1 (the most tolerated is {(participants - 1) / 3}); add --allow-unsafe to run it anyway");
        if (settings.DevSetup && (settings.PtauPath is not null || settings.Beacon is not null))
            throw new UsageException("--dev-setup makes a development key: it takes neither --ptau nor --beacon");
    }

    static void WarnDevSetup(SimulationSettings settings)
    {
        if (settings.DevSetup)
            Console.Error.WriteLine("WARNING: --dev-setup: the task key is a development key (every secret drawn in one process); the chain's setup transcript says so.");
    }

    static int RunFederation(SimulationSettings settings, FederationOptions options, string? jsonPath, string chainDir, bool allowUnsafe, TextWriter stdout,
                             TextWriter stderr)
    {
        CheckCommon(settings, allowUnsafe);
        AttackNames.Deal(settings.Attack, settings.Byzantine, members: true);
        options.Faults.Validate();
        WarnDevSetup(settings);
        var terminal = Terminal.Of(stdout);
        FederationResult? run = null;
        TimeoutException? stalled = null;
        using (var live = new LiveProgress(stdout, terminal))
        {
            live.Report(new("members", $"starting {settings.Participants} member clusters", 0, 1));
            try { run = new FederationSimulation(settings, options).RunAsync(chainDir, live).GetAwaiter().GetResult(); }
            catch (TimeoutException e) { stalled = e; }
        }
        if (run is null)
        {
            // The run failed (exit 1): an honest member did not commit a height in time, whatever the link or the attackers did.
            stderr.WriteLine($"zkpot simulate: {stalled!.Message}");
            return 1;
        }
        var result = run.Simulation;
        SimulationReport.Rounds(result, federation: true).Write(stdout, terminal);
        SimulationReport.MemberTable(SimulationReport.Members(run)).Write(stdout, terminal);
        var faults = options.Faults;
        stdout.WriteLine($"n={settings.Participants} f={settings.Byzantine} attack={settings.Attack} hidden={settings.Hidden} batch={settings.TestSamples} " +
                         $"claim window {options.Timing.ClaimWindowMs} ms; link: drop {faults.DropRate.ToString(CultureInfo.InvariantCulture)}, " +
                         $"duplicate {faults.DuplicateRate.ToString(CultureInfo.InvariantCulture)}, delay up to {faults.MaxDelayMs} ms");
        stdout.WriteLine(run.Agreed ? "every honest replica holds the same blocks" : "HONEST REPLICAS DISAGREE: two hold different blocks at one height");
        if (jsonPath is not null) SimulationReport.WriteJson(jsonPath, result, run);
        Summary(stdout, result, chainDir);
        bool healthy = run.Agreed && result.Rounds.All(r => r.Committed && r.ByzantineAccepted == 0);
        return healthy || 3 * settings.Byzantine >= settings.Participants ? 0 : 1;
    }

    static int RunRelayed(SimulationSettings settings, string storage, string connection, string gateway, string? jsonPath, string chainDir, bool allowUnsafe,
                          TextWriter stdout)
    {
        if (settings.Byzantine > 0 || settings.Attack != "none")
            throw new UsageException($"--byzantine and --attack are not for --gateway: {AttackNames.RelayedRefusal}");
        if (storage != "azurite")
            throw new UsageException("--gateway needs --storage azurite: the coordinator reads models and keys from the silos' blob storage");
        var endpoint = Endpoint(gateway);
        CheckCommon(settings, allowUnsafe);
        WarnDevSetup(settings);
        var terminal = Terminal.Of(stdout);
        var result = RunAsync(settings, chainDir, () => Connect(endpoint, connection), stdout, terminal).GetAwaiter().GetResult();
        SimulationReport.Rounds(result, federation: false).Write(stdout, terminal);
        foreach (var r in result.Rounds.Where(r => !r.Committed))
            foreach (string problem in r.Problems) stdout.WriteLine($"round {r.Round}: {problem}");
        stdout.WriteLine($"n={settings.Participants} silos={settings.Silos} hidden={settings.Hidden} batch={settings.TestSamples} (one organisation, relayed rounds)");
        if (jsonPath is not null) SimulationReport.WriteJson(jsonPath, result, null);
        Summary(stdout, result, chainDir);
        return result.Rounds.All(r => r.Committed) ? 0 : 1;
    }

    static void Summary(TextWriter stdout, SimulationResult result, string chainDir) =>
        stdout.WriteLine($"final accuracy {result.FinalAccuracy:P2} on the Fashion-MNIST test set; chain exported to {chainDir} " +
                         $"(zkpot chain verify --dir {chainDir} --genesis {result.GenesisHash}); setup {result.SetupSeconds:F1} s, total {result.TotalSeconds:F1} s");

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

    static async Task<IZkPotCluster> Connect(IPEndPoint gateway, string connection)
    {
        try
        {
            return await GatewayClient.ConnectAsync(gateway, connection);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new UsageException($"cannot reach the cluster or its storage (gateway {gateway}): {e.Message.Split('\n')[0]}" +
                                     " — is Azurite running (scripts/dev-cluster up starts it with three silos)?");
        }
    }

    static async Task<SimulationResult> RunAsync(SimulationSettings settings, string chainDir, Func<Task<IZkPotCluster>> connect, TextWriter stdout, Terminal terminal)
    {
        using var live = new LiveProgress(stdout, terminal);
        live.Report(new("cluster", "connecting to the gateway", 0, 1));
        await using var cluster = await connect();
        live.Report(new("cluster", "ready", 1, 1));
        return await new FederatedSimulation(cluster.Grains, cluster.Content, settings).RunAsync(chainDir, live);
    }
}

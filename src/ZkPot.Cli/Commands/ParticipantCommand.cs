using ZkPot.Grains;
using ZkPot.Grains.Hosting;
using ZkPot.Grains.Services;
using ZkPot.Grains.Simulation;
using ZkPot.Ledger.Identity;

namespace ZkPot.Cli.Commands;

/// <summary>
/// `zkpot participant --gateway HOST:PORT --shard K [--silos S] [--key KEY] [--key-dir DIR] [--storage-connection CS] [--rounds R]`:
/// runs participant K outside the cluster, as an Orleans client. It attaches to its participant grain (key
/// owner{K mod S}/pK unless --key says otherwise; it waits until the coordinator has set the participant up), takes its
/// signing keys from its member's key store (--key-dir, else ZKPOT_KEY_DIR; the cluster never hands keys out), then trains
/// on its shard and proves on this machine whenever the round asks, and hands over its update only sealed to the leader.
/// It re-attaches every few seconds (the grain may move when a silo dies). With --rounds it exits 0 once R of its
/// claims are in committed blocks; without, it runs until interrupted. Exit 2 for bad options or an unreachable cluster.
/// </summary>
public static class ParticipantCommand
{
    static readonly TimeSpan ReattachEvery = TimeSpan.FromSeconds(10);

    public static int Run(Args args, TextWriter stdout)
    {
        var gateway = SimulateCommand.Endpoint(args.Required("gateway"));
        int shard = args.Int("shard", -1, 0, 99);
        if (shard < 0) throw new UsageException("--shard K is required: the participant's shard (and index) in the task");
        int silos = args.Int("silos", 3, 1, 16);
        string key = args.Optional("key") ?? FederatedSimulation.KeyOf(shard, silos);
        int rounds = args.Int("rounds", 0, 0, 1_000_000);
        string connection = SimulateCommand.StorageConnection(args);
        var keys = new KeyStore(KeyDirectory(args));
        args.RejectUnknown();
        try { SiloRole.OwnerOf(key); }
        catch (ArgumentException e) { throw new UsageException($"--key {key}: {e.Message}"); }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        return RunAsync(gateway, connection, key, keys, rounds, stdout, stop.Token).GetAwaiter().GetResult();
    }

    /// <summary>--key-dir, else ZKPOT_KEY_DIR, else the silo host's default: the member's key store on this machine.</summary>
    static string KeyDirectory(Args args) => args.Optional("key-dir") ?? Environment.GetEnvironmentVariable("ZKPOT_KEY_DIR") ?? KeyStore.DefaultDirectory;

    static async Task<int> RunAsync(System.Net.IPEndPoint gateway, string connection, string key, KeyStore keys, int rounds, TextWriter stdout, CancellationToken stop)
    {
        GatewayClient cluster;
        try { cluster = await GatewayClient.ConnectAsync(gateway, connection, cancel: stop); }
        catch (Exception e) when (e is InvalidOperationException or Azure.RequestFailedException or AggregateException or FormatException or ArgumentException)
        {
            throw new UsageException($"cannot reach the cluster at {gateway} or its storage: {e.Message.Split('\n')[0]}");
        }
        await using var _ = cluster;
        var grain = cluster.Grains.GetGrain<IParticipantGrain>(key);
        var worker = new OutsideParticipant(key, cluster.Content, cluster.Grains);
        var claimed = new List<long>();
        worker.Claimed += s =>
        {
            lock (claimed) claimed.Add(s.Round);
            stdout.WriteLine($"round {s.Round}: claim made here (trained {s.TrainSeconds:F1} s, proved {s.ProveSeconds:F1} s on {s.ProverSilo})");
        };
        // The cluster holds the reference weakly: this process keeps the worker alive.
        var reference = cluster.Client.CreateObjectReference<IParticipantWorker>(worker);
        bool announcedWait = false;
        var lastAttach = DateTime.MinValue;
        while (!stop.IsCancellationRequested)
        {
            if (DateTime.UtcNow - lastAttach > ReattachEvery)
            {
                try
                {
                    var setup = await grain.Attach(reference);
                    NodeIdentity identity;
                    try { identity = keys.Get(key); }
                    catch (KeyNotFoundException e) { throw new UsageException($"{e.Message}: run the participant with its member's key store (--key-dir or ZKPOT_KEY_DIR, as its silos have)"); }
                    worker.Configure(setup, identity);
                    if (lastAttach == DateTime.MinValue)
                        stdout.WriteLine($"attached as {key}: training and proving run in this process (pid {Environment.ProcessId})");
                    lastAttach = DateTime.UtcNow;
                }
                catch (InvalidOperationException e) when (e.Message.Contains("not initialized", StringComparison.Ordinal))
                {
                    if (!announcedWait) stdout.WriteLine($"waiting for the coordinator to set up {key}");
                    announcedWait = true;
                }
                catch (Exception e) when (e is OrleansException or TimeoutException)
                {
                    stdout.WriteLine($"attach failed ({e.GetType().Name}); retrying");
                }
            }
            if (rounds > 0 && await CommittedClaims(cluster, worker, claimed) >= rounds)
            {
                stdout.WriteLine($"{rounds} round(s) of claims committed; detaching");
                return 0;
            }
            try { await Task.Delay(TimeSpan.FromSeconds(1), stop); }
            catch (OperationCanceledException) { break; }
        }
        return 0;
    }

    /// <summary>How many of the rounds this process claimed are already in committed blocks (the leader has fetched the update by then).</summary>
    static async Task<int> CommittedClaims(GatewayClient cluster, OutsideParticipant worker, List<long> claimed)
    {
        long[] mine;
        lock (claimed) mine = [.. claimed];
        if (mine.Length == 0 || worker.TaskHex is null) return 0;
        long height = await cluster.Grains.GetGrain<IChainGrain>(worker.TaskHex).Height();
        return mine.Count(r => r <= height);
    }
}

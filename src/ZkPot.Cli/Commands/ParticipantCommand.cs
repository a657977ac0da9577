using System.CommandLine;
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

    public static Command Create()
    {
        var gateway = Options.RequiredText("--gateway", "the cluster's Orleans gateway", "HOST:PORT");
        var shard = Options.RequiredInt("--shard", "this participant's shard of the training set, and its index in the task", 0, 99);
        var silos = Options.Int("--silos", "silos of the cluster (the default grain key's owner is the shard modulo this)", 3, 1, 16);
        var key = Options.OptionalText("--key", "the participant grain's key", "owner{K mod S}/pK for shard K and S silos", "KEY");
        var rounds = Options.Int("--rounds", "exit once this many of its claims are in committed blocks; 0 runs until interrupted", 0, 0, 1_000_000);
        var connection = SimulateCommand.StorageConnectionOption();
        var keyDir = Options.OptionalText("--key-dir", "the member's key store, where this participant's signing keys are",
            $"$ZKPOT_KEY_DIR, else {KeyStore.DefaultDirectory}", "DIR");
        var command = new Command("participant", "one participant outside the cluster: trains and proves in this process, hands its update over sealed")
        {
            gateway, shard, silos, key, rounds, connection, keyDir,
        };
        command.SetAction(p => Run(SimulateCommand.Endpoint(p.GetRequiredValue(gateway)), p.GetValue(shard), p.GetValue(silos), p.GetValue(key), p.GetValue(rounds),
            SimulateCommand.StorageConnection(p.GetValue(connection)), p.GetValue(keyDir), p.Output()));
        return command;
    }

    static int Run(System.Net.IPEndPoint gateway, int shard, int silos, string? givenKey, int rounds, string connection, string? keyDir, TextWriter stdout)
    {
        string key = givenKey ?? FederatedSimulation.KeyOf(shard, silos);
        var keys = new KeyStore(keyDir ?? Environment.GetEnvironmentVariable("ZKPOT_KEY_DIR") ?? KeyStore.DefaultDirectory);
        try { SiloRole.OwnerOf(key); }
        catch (ArgumentException e) { throw new UsageException($"--key {key}: {e.Message}"); }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        return RunAsync(gateway, connection, key, keys, rounds, stdout, stop.Token).GetAwaiter().GetResult();
    }

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
        var worker = new OutsideParticipant(key, cluster.Content);
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

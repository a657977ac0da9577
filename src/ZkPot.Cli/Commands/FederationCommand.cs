using System.CommandLine;
using System.Diagnostics;
using ZkPot.Grains;
using ZkPot.Grains.Federation;
using ZkPot.Grains.Hosting;
using ZkPot.Grains.Simulation;
using ZkPot.Ledger.Chain;
using ZkPot.Member;

namespace ZkPot.Cli.Commands;

/// <summary>
/// `zkpot federation setup|status --operators FILE`: the operators' tools for member processes (`zkpot member`), each
/// reached through its own gateway with its own storage account. `setup` publishes a task (the ceremony among the
/// members, their public keys, genesis) and starts every member; after that the members run the rounds alone.
/// `status` reads each member's replica: heights, view, what it refused; with --wait-height it waits until the named
/// members hold that height (exit 1 when they do not in time), and it exits 1 whenever two replicas hold different
/// blocks at one height.
/// </summary>
public static class FederationCommand
{
    static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    public static Command Create()
    {
        var command = new Command("federation", "the operators' tools for member processes: set up a task, read where the members stand");
        command.Subcommands.Add(SetupVerb());
        command.Subcommands.Add(StatusVerb());
        return command;
    }

    static Option<string> OperatorsOption() =>
        Options.RequiredText("--operators", "the operators file: each member's owner, participant, gateway and storage connection (JSON)", "FILE");

    static Command SetupVerb()
    {
        var operators = OperatorsOption();
        var hidden = Options.Int("--hidden", "hidden units of the model", 8, 1, 64);
        var samples = Options.Int("--test-samples", "size of the public test batch each participant proves its accuracy on", TaskSpec.DefaultTestSamples, 1, 256);
        var seed = Options.Int("--seed", "seed of the task: shards, initial model, test batch (another seed is another task)", 1, 0, int.MaxValue);
        var trainSamples = Options.Int("--train-samples", "training samples per participant", 1000, 10, 60000);
        var devSetup = Options.Flag("--dev-setup", "a development key instead of a ceremony: UNSAFE, and the chain's setup transcript says so");
        var cacheDir = Options.OptionalText("--cache-dir", "where the members' prepared phase 1 is kept between runs",
            "$ZKPOT_CACHE, else $XDG_CACHE_HOME/zkpot, else ~/.cache/zkpot", "DIR");
        var claimWindow = Options.Int("--claim-window-ms", "how long a height waits for claims before its leader proposes", 30_000, 500, 3_600_000);
        var viewTimeout = Options.Int("--view-timeout-ms", "a view's first timeout (it grows per view)", 4_000, 200, 600_000);
        var taskOut = Options.OptionalText("--task-out", "write the task id (hex) to this file", "none", "FILE");
        var verb = new Command("setup", "publish a task to the member processes (ceremony, keys, genesis) and start them")
        {
            operators, hidden, samples, seed, trainSamples, devSetup, cacheDir, claimWindow, viewTimeout, taskOut,
        };
        verb.SetAction(p =>
        {
            var members = Members(p.GetRequiredValue(operators));
            var settings = new SimulationSettings
            {
                Participants = members.Count, Hidden = p.GetValue(hidden), TestSamples = p.GetValue(samples), Seed = p.GetValue(seed),
                TrainSamplesPerParticipant = p.GetValue(trainSamples), DevSetup = p.GetValue(devSetup), CacheDirectory = p.GetValue(cacheDir),
            };
            var options = new FederationOptions
            {
                Timing = new ConsensusTiming { ClaimWindowMs = p.GetValue(claimWindow), ViewTimeoutMs = p.GetValue(viewTimeout) },
            };
            return Setup(members, settings, options, p.GetValue(taskOut), p.Output()).GetAwaiter().GetResult();
        });
        return verb;
    }

    static async Task<int> Setup(IReadOnlyList<MemberAccess> members, SimulationSettings settings, FederationOptions options, string? taskOut, TextWriter stdout)
    {
        var task = FederatedSimulation.TaskOf(settings, "members/v1");
        var clients = new List<GatewayClient>();
        try
        {
            foreach (var m in members) clients.Add(await Connect(m) ?? throw new UsageException($"member {m.Owner}: no silo answers at its gateway {m.Gateway}"));
            var setupMembers = members.Select((m, i) => new SetupMember(m.Owner, m.Participant, clients[i].Grains, clients[i].Content)).ToList();
            var progress = new Progress<SimulationProgress>(step => stdout.WriteLine($"{step.Phase}: {step.Message}"));
            var genesis = await FederationSetup.RunAsync(task, settings, setupMembers, options, progress);
            string taskHex = Convert.ToHexStringLower(task.TaskId);
            foreach (var (m, key) in members.Zip(genesis.Keys)) stdout.WriteLine($"member {m.Owner}: participant {key.Key} node {key.NodeId}");
            stdout.WriteLine($"task {taskHex}");
            stdout.WriteLine($"genesis {genesis.Genesis.Hash}");
            if (taskOut is not null) File.WriteAllText(taskOut, taskHex + "\n");
            return 0;
        }
        catch (InvalidOperationException e)
        {
            stdout.WriteLine($"setup failed: {e.Message}");
            return 1;
        }
        finally
        {
            foreach (var c in clients) await c.DisposeAsync();
        }
    }

    static Command StatusVerb()
    {
        var operators = OperatorsOption();
        var task = Options.RequiredText("--task", "the task id (hex), as setup printed it", "HEX");
        var wait = Options.Int("--wait-height", "wait until every named member's replica holds this height; 0: report once", 0, 0, 1_000_000);
        var timeout = Options.Int("--timeout-s", "how long --wait-height waits before exit 1", 600, 1, 86_400);
        var only = Options.OptionalText("--members", "the members to wait for (comma-separated owners)", "every member", "LIST");
        var blocks = Options.Flag("--blocks", "also print each height of the longest replica: its leader, view and the participants whose claims it holds");
        var verb = new Command("status", "each member's replica: height, view, head, refused; exit 1 if two replicas disagree")
        {
            operators, task, wait, timeout, only, blocks,
        };
        verb.SetAction(p =>
        {
            var members = Members(p.GetRequiredValue(operators));
            string taskHex = p.GetRequiredValue(task).ToLowerInvariant();
            if (taskHex.Length != 64 || !taskHex.All(char.IsAsciiHexDigitLower)) throw new UsageException($"--task {taskHex}: expected 64 hex digits");
            var named = p.GetValue(only) is { } list ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet() : null;
            if (named?.FirstOrDefault(o => members.All(m => m.Owner != o)) is { } unknown) throw new UsageException($"--members: {unknown} is not in the operators file");
            return Status(members, taskHex, p.GetValue(wait), TimeSpan.FromSeconds(p.GetValue(timeout)), named, p.GetValue(blocks), p.Output()).GetAwaiter().GetResult();
        });
        return verb;
    }

    sealed record Replica(string Owner, MemberStatus? Status, List<Block> Blocks);

    static async Task<int> Status(IReadOnlyList<MemberAccess> members, string taskHex, int waitHeight, TimeSpan timeout, HashSet<string>? named, bool showBlocks,
                                  TextWriter stdout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var replicas = new List<Replica>();
            foreach (var m in members) replicas.Add(await Read(m, taskHex));
            var watched = replicas.Where(r => named is null || named.Contains(r.Owner)).ToList();
            bool done = waitHeight == 0 || watched.All(r => r.Status is not null && r.Blocks.Count - 1 >= waitHeight);
            if (done || clock.Elapsed > timeout)
            {
                foreach (var r in replicas)
                    stdout.WriteLine(r.Status is null ? $"{r.Owner}: down"
                        : $"{r.Owner}: height {r.Blocks.Count - 1}, validator at height {r.Status.Height} view {r.Status.View}, head {(r.Blocks.Count > 0 ? r.Blocks[^1].Hash.ToString()[..16] : "-")}, refused {r.Status.Refused}, dropped {r.Status.Dropped}"
                          + (r.Status.Problems.Count > 0 ? $", last problem: {r.Status.Problems[^1]}" : ""));
                if (showBlocks)
                    foreach (var block in replicas.MaxBy(r => r.Blocks.Count)!.Blocks.Skip(1))
                        stdout.WriteLine($"height {block.Height}: leader {block.Header.Leader} view {block.Certificate?.View ?? block.Header.View} claims {string.Join(",", block.Claims.Select(c => c.Participant))} evidence {block.Evidence.Count} model {block.Header.ModelCid}");
                if (Disagreement(replicas) is { } height)
                {
                    stdout.WriteLine($"replicas DISAGREE at height {height}");
                    return 1;
                }
                if (!done)
                {
                    stdout.WriteLine($"not every member reached height {waitHeight} within {timeout.TotalSeconds:F0} s");
                    return 1;
                }
                stdout.WriteLine($"replicas agree at every height they share (lowest {replicas.Where(r => r.Status is not null).Select(r => r.Blocks.Count - 1).DefaultIfEmpty(-1).Min()})");
                return 0;
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The first height at which two replicas hold different blocks, or null.</summary>
    static long? Disagreement(List<Replica> replicas)
    {
        var up = replicas.Where(r => r.Blocks.Count > 0).ToList();
        int top = up.Select(r => r.Blocks.Count).DefaultIfEmpty(0).Max();
        for (int h = 0; h < top; h++)
            if (up.Where(r => r.Blocks.Count > h).Select(r => r.Blocks[h].Hash).Distinct().Count() > 1) return h;
        return null;
    }

    static async Task<Replica> Read(MemberAccess member, string taskHex)
    {
        var client = await Connect(member);
        if (client is null) return new Replica(member.Owner, null, []);
        await using var _ = client;
        try
        {
            var status = await client.Grains.GetGrain<IMemberGrain>(taskHex).Status().WaitAsync(ConnectTimeout);
            var blocks = (await client.Grains.GetGrain<IChainGrain>(taskHex).Blocks().WaitAsync(ConnectTimeout)).Select(b => Block.Decode(b)).ToList();
            return new Replica(member.Owner, status, blocks);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
        {
            return new Replica(member.Owner, null, []);
        }
    }

    /// <summary>A client of the member's own gateway, or null when none answers in time.</summary>
    static async Task<GatewayClient?> Connect(MemberAccess member)
    {
        using var cancel = new CancellationTokenSource(ConnectTimeout);
        try { return await GatewayClient.ConnectAsync(member.Gateway, member.StorageConnection, member.ClusterId, member.ClusterId, cancel.Token); }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    static IReadOnlyList<MemberAccess> Members(string path)
    {
        try { return OperatorsFile.Load(path); }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException) { throw new UsageException($"--operators: {e.Message}"); }
    }
}

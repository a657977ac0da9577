using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ZkPot.Circuits;
using ZkPot.Grains.Services;
using ZkPot.Learning;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Storage;
using ZkPot.Snark.Json;

namespace ZkPot.Grains.Simulation;

/// <summary>
/// The coordinator of one organisation's cluster (<c>simulate --gateway</c>, the silos of scripts/dev-cluster):
/// publishes the task, runs the setup ceremony (one contribution per participant), sets up participants and
/// validators, then runs the rounds through round grains, which relay the validators' signed messages in lock-step,
/// and exports the chain. Every participant is honest: Byzantine members run as members of their own, with their own
/// code, in the federation (<see cref="Federation.FederationSimulation"/>).
/// </summary>
public sealed class FederatedSimulation(IGrainFactory grains, IContentStore content, SimulationSettings settings)
{
    /// <summary>The task this simulation publishes (deterministic in the settings, so reruns find their ceremony and chain).</summary>
    public TaskSpec Task { get; } = TaskOf(settings, "v1");

    /// <summary>The task of a simulation with these settings; <paramref name="flavour"/> keeps a relayed run's task apart from a federation's.</summary>
    public static TaskSpec TaskOf(SimulationSettings settings, string flavour) => new()
    {
        TaskId = SHA256.HashData(Encoding.UTF8.GetBytes($"zkpot-simulate/{flavour}/{settings.Seed}/{settings.Hidden}/{settings.TestSamples}/{settings.Participants}/{settings.Byzantine}/{settings.Attack}")),
        Hidden = settings.Hidden, TestSamples = settings.TestSamples, TestSeed = settings.Seed, DataSeed = settings.Seed,
        Participants = settings.Participants, TrainSamplesPerParticipant = settings.TrainSamplesPerParticipant,
        LocalEpochs = settings.LocalEpochs, LearningRate = settings.LearningRate, DataDirectory = settings.DataDirectory,
    };

    /// <summary>Grain key of participant i: its owner, then its index.</summary>
    public static string KeyOf(int index, int silos) => $"owner{index % silos}/p{index}";

    public async Task<SimulationResult> RunAsync(string? exportDirectory, IProgress<SimulationProgress>? progress = null)
    {
        int n = settings.Participants;
        if (n < 1) throw new ArgumentException($"--participants must be at least 1, got {n}");
        AttackNames.Deal(settings.Attack, settings.Byzantine, members: false);
        var total = Stopwatch.StartNew();
        string taskHex = Convert.ToHexStringLower(Task.TaskId);

        int contributors = Math.Clamp(settings.CeremonyContributors ?? n, 0, n);
        var ceremony = await new SetupRunner(grains, content, settings)
            .RunAsync(Task, Enumerable.Range(0, contributors).Select(i => KeyOf(i, settings.Silos)).ToList(), progress, Retry);
        string zkey = ceremony.ZKeyCid;

        var keys = new List<NodeKeys>();
        for (int i = 0; i < n; i++)
        {
            string key = KeyOf(i, settings.Silos);
            var setup = new ParticipantSetup { Task = Task, Shard = i, ZKeyCid = zkey };
            keys.Add(await Retry(() => grains.GetGrain<IParticipantGrain>(key).Initialize(setup)));
        }
        var context = TaskContext.For(Task);
        var chain = grains.GetGrain<IChainGrain>(taskHex);
        var record = TaskGenesis.Record(Task, ZkPot.Grains.Grains.VoteWorker.ValidatorSetOf(keys), content, ceremony).Encode();
        byte[] genesis = GlobalModel.Genesis(content, context, context.CommitmentKey(content, zkey), Ledger.Crypto.Hash32.Sha256(record)).Encode();
        string anchored = await Retry(() => chain.Initialize(genesis, record));
        if (anchored != Block.Decode(genesis).Hash.ToString())
            throw new InvalidOperationException($"chain {taskHex} already holds genesis {anchored}, not this task's {Block.Decode(genesis).Hash}: its validators or key differ from this run's");
        for (int i = 0; i < n; i++)
        {
            var setup = new ValidatorSetup { Task = Task, Validators = keys, ZKeyCid = zkey };
            var validator = grains.GetGrain<IValidatorGrain>(keys[i].Key);
            await Retry(() => validator.Initialize(setup));
        }
        await WaitForOutside(progress);
        progress?.Report(new("setup", $"{n} participants and validators ready", n + 2, n + 2));
        double setupSeconds = total.Elapsed.TotalSeconds;

        var reports = new List<RoundReport>();
        long start = await Retry(() => chain.Height()) + 1;
        for (long round = start; round < start + settings.Rounds; round++)
        {
            progress?.Report(new($"round {round}", "training, proving, consensus", (int)(round - start), settings.Rounds));
            var plan = new RoundPlan { Round = round, Participants = keys, ClaimDeadline = settings.ClaimDeadline, Task = Task };
            reports.Add(await RunRound(plan));
            progress?.Report(SimulationProgress.RoundClosed($"round {round}", reports[^1], (int)(round - start + 1), settings.Rounds));
            // The next round builds on this one's block: without it there is nothing to run.
            if (!reports[^1].Committed) break;
        }

        var blocks = (await Retry(() => chain.Blocks())).Select(b => Block.Decode(b)).ToList();
        double final = FinalAccuracy(context, blocks[^1]);
        if (exportDirectory is not null) Export(exportDirectory, content, blocks, record, ceremony, Task);
        return new SimulationResult(reports, final, exportDirectory, new Dictionary<string, AttackKind>(), setupSeconds, total.Elapsed.TotalSeconds, blocks[0].Hash.ToString());
    }

    /// <summary>
    /// Runs a round through its grain. A Run call whose silo dies can wait for the whole response timeout (the gateway that
    /// forwarded it does not learn of the loss), so the call is watched: when the round's grain answers but is not running
    /// the round, it re-activated elsewhere and nobody is; the round is asked for again (Run is idempotent).
    /// </summary>
    async Task<RoundReport> RunRound(RoundPlan plan)
    {
        var round = grains.GetGrain<IRoundGrain>(plan.Round);
        return await Retry(async () =>
        {
            var call = round.Run(plan);
            while (await System.Threading.Tasks.Task.WhenAny(call, System.Threading.Tasks.Task.Delay(RoundWatch)) != call)
            {
                if (await round.IsRunning().WaitAsync(RoundWatch * 6)) continue;
                _ = call.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                throw new TimeoutException($"round {plan.Round} is no longer running where it was started");
            }
            return await call;
        });
    }

    static readonly TimeSpan RoundWatch = TimeSpan.FromSeconds(5);

    async Task WaitForOutside(IProgress<SimulationProgress>? progress)
    {
        var waiting = settings.Outside.Where(i => i >= 0 && i < settings.Participants).Select(i => KeyOf(i, settings.Silos)).ToList();
        var clock = Stopwatch.StartNew();
        while (waiting.Count > 0)
        {
            progress?.Report(new("setup", $"waiting for outside participants {string.Join(", ", waiting)} to attach", 0, 1));
            foreach (string key in waiting.ToList())
                if (await Retry(() => grains.GetGrain<IParticipantGrain>(key).IsAttached())) waiting.Remove(key);
            if (waiting.Count == 0) break;
            if (clock.Elapsed > settings.AttachTimeout)
                throw new TimeoutException($"outside participants {string.Join(", ", waiting)} did not attach within {settings.AttachTimeout.TotalSeconds:F0} s (start `zkpot participant --gateway ...` for each)");
            await System.Threading.Tasks.Task.Delay(500);
        }
    }

    /// <summary>
    /// Retries a grain call that failed because a silo went away (killed, or not yet declared dead by the cluster): the
    /// grain re-activates elsewhere from its stored state, and every call made here is idempotent.
    /// </summary>
    static Task Retry(Func<Task> call) => Retry(async () => { await call(); return true; });

    static async Task<T> Retry<T>(Func<Task<T>> call)
    {
        for (int attempt = 1; ; attempt++)
        {
            try { return await call(); }
            catch (Exception e) when (attempt < 10 && e is OrleansException or TimeoutException)
            {
                await System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(Math.Min(2 * attempt, 5)));
            }
        }
    }

    /// <summary>The committed global model's accuracy (its int8 form, as proven) on the whole Fashion-MNIST test set.</summary>
    double FinalAccuracy(TaskContext context, Block tip)
    {
        var model = GlobalModel.Mean(context, GlobalModel.LoadSum(content, context, tip.Header.ModelCid));
        return model.Accuracy(FashionMnist.Load(settings.DataDirectory).Test);
    }

    /// <summary>Writes the chain directory `zkpot chain verify` reads: blocks, genesis record, verifying key and setup transcript.</summary>
    public static void Export(string directory, IContentStore content, IReadOnlyList<Block> blocks, byte[] genesisRecord, CeremonyResult setup, TaskSpec task)
    {
        Directory.CreateDirectory(directory);
        SnarkjsJson.WriteVerifyingKey(Path.Combine(directory, TaskGenesis.VerifyingKeyFile), TaskContext.VerifyingKey(content, setup.ZKeyCid));
        File.WriteAllBytes(Path.Combine(directory, SetupFiles.Transcript), content.Get(Cid.Parse(setup.TranscriptCid)));
        SetupFiles.Export(directory, content, setup, TaskContext.For(task).Task.Constraints);
        ChainDirectory.Export(directory, blocks, genesisRecord);
    }
}

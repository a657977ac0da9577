using System.Security.Cryptography;
using ZkPot.Grains;
using ZkPot.Grains.Federation;
using ZkPot.Grains.Grains;
using ZkPot.Grains.Hosting;
using ZkPot.Grains.Services;
using ZkPot.Ledger.Storage;

namespace ZkPot.Cluster.Tests;

/// <summary>
/// A Byzantine member started again on its own storage: its member resumes without the operator's Start, and the
/// adversary's code (new, as in a new process) must know the member's setup all the same.
/// </summary>
public sealed class RestartedAdversaryTests
{
    /// <summary>An adversary that only notes, when the first frame reaches its member, the participant of the setup it knows (null: none).</summary>
    sealed class SetupProbe : Grains.Adversary.Adversary
    {
        public override AttackKind Kind => AttackKind.None;

        public TaskCompletionSource<string?> Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override void Incoming(byte[] frame)
        {
            try { Seen.TrySetResult(Setup.Participant); }
            catch (InvalidOperationException) { Seen.TrySetResult(null); }
        }
    }

    [Fact]
    public async Task A_restarted_Byzantine_member_knows_its_setup_from_its_own_storage()
    {
        string keyDir = Directory.CreateTempSubdirectory("zkpot-restart-").FullName;
        try
        {
            var keys = new KeyStore(keyDir);
            var taskId = SHA256.HashData("restarted adversary tests"u8);
            string taskHex = Convert.ToHexStringLower(taskId);
            // The four validators' keys, all in this store (the test plays every member; only owner0 runs here).
            var validators = Enumerable.Range(0, 4).Select(i => ParticipantGrain.KeysOf($"owner{i}/p{i}", keys.GetOrCreate($"owner{i}/p{i}"))).ToList();
            var setup = new MemberSetup
            {
                Validator = new ValidatorSetup { Task = new TaskSpec { TaskId = taskId }, Validators = validators, Timing = new ConsensusTiming() },
                Participant = "owner0/p0", TickMs = 10_000,
            };
            // The member's grain state and content outlive its process, as its storage account would.
            var state = new SharedStateStore();
            var content = new InMemoryContentStore();
            var federation = new LoopbackFederation();
            var frame = new byte[64];
            frame[0] = ValidatorGrain.ClaimKind;
            taskId.CopyTo(frame, 1);

            var first = new SetupProbe();
            await using (var member = await MemberCluster.StartAsync("owner0", taskHex, federation, keys, gpu: false, first, "owner0/p0",
                                                                     ZkPotStorage.SharedMemory(state, content)))
            {
                await member.Door.Start(setup);
                federation.LinkOf("owner1").Post("owner0", frame);
                Assert.Equal("owner0/p0", await first.Seen.Task.WaitAsync(TimeSpan.FromSeconds(30)));
            }

            // Started again on the same storage, with no Start: the member resumes from its stored setup.
            var restarted = new SetupProbe();
            await using var again = await MemberCluster.StartAsync("owner0", taskHex, federation, keys, gpu: false, restarted, "owner0/p0",
                                                                   ZkPotStorage.SharedMemory(state, content));
            federation.LinkOf("owner1").Post("owner0", frame);
            Assert.Equal("owner0/p0", await restarted.Seen.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            Directory.Delete(keyDir, recursive: true);
        }
    }
}

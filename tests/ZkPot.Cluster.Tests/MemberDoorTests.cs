using System.Security.Cryptography;
using ZkPot.Grains;
using ZkPot.Grains.Federation;
using ZkPot.Grains.Grains;
using ZkPot.Grains.Services;

namespace ZkPot.Cluster.Tests;

/// <summary>
/// One member's door (<see cref="IMemberGrain"/>) as an authenticated but Byzantine member reaches it through the link:
/// what it sends may cost the door neither memory without bound nor the other members' place in the queue.
/// </summary>
public sealed class MemberDoorTests : IAsyncLifetime
{
    readonly string _keyDir = Directory.CreateTempSubdirectory("zkpot-door-").FullName;
    readonly byte[] _taskId = SHA256.HashData("member door tests"u8);
    MemberCluster _member = null!;

    public async Task InitializeAsync()
    {
        var keys = new KeyStore(_keyDir);
        // The four validators' keys, all in this store (the test plays every member; only owner0 runs here).
        var validators = Enumerable.Range(0, 4).Select(i => ParticipantGrain.KeysOf($"owner{i}/p{i}", keys.GetOrCreate($"owner{i}/p{i}"))).ToList();
        _member = await MemberCluster.StartAsync("owner0", Convert.ToHexStringLower(_taskId), new LoopbackFederation(), keys, gpu: false);
        // A slow tick (its first right away), so that what is delivered stays queued while the test looks.
        await _member.Door.Start(new MemberSetup
        {
            Validator = new ValidatorSetup { Task = new TaskSpec { TaskId = _taskId }, Validators = validators, Timing = new ConsensusTiming() },
            Participant = "owner0/p0", TickMs = 10_000,
        });
        await Task.Delay(1_000);
    }

    public async Task DisposeAsync()
    {
        await _member.DisposeAsync();
        Directory.Delete(_keyDir, recursive: true);
    }

    /// <summary>A claim frame (kind 1: passed on by anyone) of the given size for this task.</summary>
    byte[] Frame(int size)
    {
        var frame = new byte[size];
        frame[0] = ValidatorGrain.ClaimKind;
        _taskId.CopyTo(frame, 1);
        return frame;
    }

    [Fact]
    public async Task One_member_filling_the_queue_does_not_crowd_out_the_others()
    {
        var door = _member.Door;
        // owner3 sends more small frames than the whole queue holds; owner1's one frame must still get in.
        for (int i = 0; i <= MemberGrain.MaxQueued; i += 256)
            await Task.WhenAll(Enumerable.Range(0, 256).Select(_ => door.Deliver(Frame(64), "owner3")));
        int dropped = (await door.Status()).Dropped;
        Assert.True(dropped > 0, "owner3's flood was all queued");
        await door.Deliver(Frame(64), "owner1");
        Assert.Equal(dropped, (await door.Status()).Dropped);
    }

    [Fact]
    public async Task One_member_sending_large_frames_gets_a_bounded_share_of_the_doors_memory()
    {
        var door = _member.Door;
        // 96 MiB in 1 MiB frames (well under the count bound): the door keeps a bounded part, not all of it.
        for (int i = 0; i < 96; i++) await door.Deliver(Frame(1 << 20), "owner2");
        int dropped = (await door.Status()).Dropped;
        Assert.True(dropped >= 48, $"only {dropped} of owner2's 96 one-MiB frames dropped");
    }

    [Fact]
    public async Task Frames_and_requests_for_tasks_never_started_here_leave_no_activation_behind()
    {
        var management = _member.Grains.GetGrain<IManagementGrain>(0);
        async Task<int> Doors() => (await management.GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Contains(nameof(MemberGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        int started = await Doors();

        // Random task ids: each names a door grain that was never started.
        await Task.WhenAll(Enumerable.Range(0, 300).Select(_ =>
        {
            var frame = new byte[64];
            frame[0] = ValidatorGrain.FederationKind;
            RandomNumberGenerator.Fill(frame.AsSpan(1, 32));
            return _member.Grains.GetGrain<IMemberGrain>(Convert.ToHexStringLower(frame.AsSpan(1, 32))).Deliver(frame, "owner3");
        }));
        await Task.WhenAll(Enumerable.Range(0, 300).Select(_ =>
            _member.Grains.GetGrain<IMemberGrain>(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))).Answer(RandomNumberGenerator.GetBytes(200))));

        int doors = await Doors();
        for (int i = 0; i < 50 && doors > started; i++)
        {
            await Task.Delay(100);
            doors = await Doors();
        }
        Assert.Equal(started, doors);
    }
}

using System.Security.Cryptography;
using ZkPot.Grains;
using ZkPot.Grains.Hosting;
using ZkPot.Grains.Simulation;
using ZkPot.Ledger.Storage;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Setup;

namespace ZkPot.Cluster.Tests;

/// <summary>
/// The setup ceremony in the cluster, driven as a coordinator would, with a Byzantine contributor that runs its own
/// code: it hands in a phase-1 file whose sections are not its proven secret's powers, and a phase-2 key whose C
/// points it did not rescale. Each is refused with the failing check named and recorded; the ceremony goes on with the
/// honest contributors, and its key verifies from scratch against the prepared powers of tau.
/// </summary>
public sealed class CeremonyTests
{
    /// <summary>The smallest accuracy circuit (1 hidden unit, 1 test sample): about 9,000 constraints, domain 2^14.</summary>
    static TaskSpec TinyTask() => new()
    {
        TaskId = SHA256.HashData("zkpot ceremony test"u8.ToArray()), Hidden = 1, TestSamples = 1, Participants = 3, TestSeed = 3, DataSeed = 3,
    };

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Bad_contributions_are_refused_by_name_and_the_ceremony_completes_with_the_honest_ones()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(2, new InMemoryContentStore(), new SharedStateStore());
        var task = TinyTask();
        var ceremony = cluster.Grains.GetGrain<ICeremonyGrain>(Convert.ToHexStringLower(task.TaskId));
        await ceremony.Begin(new CeremonyPlan { Task = task, Source = CeremonyTranscript.MembersSource });

        // Phase 1: alice (honest), mallory (a point of her output replaced by another valid one), bob (honest).
        Assert.True((await Honest(cluster, ceremony, "owner0/alice", 1)).Accepted);
        var tampered = Tamper(cluster.Content, await Contribution(cluster, ceremony, "owner1/mallory", 1), bytes =>
        {
            var sections = SectionOffsets(bytes);
            bytes.AsSpan(sections[2] + 5 * 64, 64).CopyTo(bytes.AsSpan(sections[2] + 4 * 64, 64));
        });
        var refused = await ceremony.Submit("owner1/mallory", tampered);
        Assert.False(refused.Accepted);
        Assert.Contains("sections", refused.Check);
        Assert.Equal(refused.Check, (await ceremony.Submit("owner1/mallory", tampered)).Check);
        Assert.True((await Honest(cluster, ceremony, "owner0/bob", 1)).Accepted);
        var prepared = await ceremony.SealPhase1([1, 2, 3, 4], 10);

        // Phase 2: alice, mallory (her key's C points left as they were), bob.
        Assert.True((await Honest(cluster, ceremony, "owner0/alice", 2)).Accepted);
        var before = cluster.Content.Get(Cid.Parse(await ceremony.CurrentFile()));
        var lazy = Tamper(cluster.Content, await Contribution(cluster, ceremony, "owner1/mallory", 2), bytes =>
        {
            var key = ZKeyReader.Read(new MemoryStream(bytes), "mallory");
            var previous = ZKeyReader.Read(new MemoryStream(before), "before");
            using var stream = new MemoryStream();
            ZKeyWriter.Write(new ZKey(key.Header, key.IC.ToArray(), key.Coefficients.ToArray(), key.A.ToArray(), key.B1.ToArray(),
                key.B2.ToArray(), previous.C.ToArray(), key.H.ToArray(), key.Contributions, key.Commitment), stream);
            return stream.ToArray();
        });
        var refused2 = await ceremony.Submit("owner1/mallory", lazy);
        Assert.False(refused2.Accepted);
        Assert.Contains("C points", refused2.Check);
        Assert.True((await Honest(cluster, ceremony, "owner0/bob", 2)).Accepted);

        var result = await ceremony.Finish();
        var transcript = CeremonyTranscript.FromJson(cluster.Content.Get(Cid.Parse(result.TranscriptCid)));
        Assert.Equal(["owner0/alice", "owner0/bob"], transcript.Phase1.Select(c => c.Contributor));
        Assert.Equal(["owner0/alice", "owner0/bob"], transcript.Phase2.Select(c => c.Contributor));
        Assert.Equal([(1, "owner1/mallory"), (2, "owner1/mallory")], transcript.Rejected.Select(r => (r.Phase, r.Contributor)));
        Assert.NotNull(transcript.Beacon);
        Assert.Equal(CeremonyTranscript.Hash(cluster.Content.Get(Cid.Parse(result.TranscriptCid))), result.TranscriptHash);

        // Anyone re-checks the result from the published files.
        using var ptau = PowersOfTau.Open(new MemoryStream(cluster.Content.Get(Cid.Parse(prepared))), "prepared");
        Assert.True(Phase1Verifier.Verify(ptau).IsValid);
        var zkey = ZKeyReader.Read(new MemoryStream(cluster.Content.Get(Cid.Parse(result.ZKeyCid))), "final");
        var report = SetupVerifier.VerifyChain(ZkPot.Grains.Services.TaskContext.For(task).Task.Constraints, zkey, ptau);
        Assert.True(report.IsValid, string.Join("\n", report.Checks));
        Assert.DoesNotContain(report.Checks, c => c.Outcome == SetupCheckOutcome.Skipped);
    }

    static async Task<string> Contribution(EmbeddedCluster cluster, ICeremonyGrain ceremony, string contributor, int phase)
    {
        var input = await ceremony.CurrentFile();
        var grain = cluster.Grains.GetGrain<IContributorGrain>(contributor);
        return phase == 1 ? await grain.ContributePhase1(input) : await grain.ContributePhase2(input);
    }

    static async Task<ContributionVerdict> Honest(EmbeddedCluster cluster, ICeremonyGrain ceremony, string contributor, int phase) =>
        await ceremony.Submit(contributor, await Contribution(cluster, ceremony, contributor, phase));

    static string Tamper(IContentStore content, string cid, Action<byte[]> edit) =>
        Tamper(content, cid, bytes => { edit(bytes); return bytes; });

    static string Tamper(IContentStore content, string cid, Func<byte[], byte[]> edit) =>
        content.Put(edit(content.Get(Cid.Parse(cid)).ToArray())).ToString();

    /// <summary>Content offsets of an iden3 file's sections by type.</summary>
    static Dictionary<uint, int> SectionOffsets(byte[] file)
    {
        var result = new Dictionary<uint, int>();
        var count = BitConverter.ToUInt32(file, 8);
        var at = 12;
        for (var i = 0; i < count; i++)
        {
            var type = BitConverter.ToUInt32(file, at);
            var size = (int)BitConverter.ToUInt64(file, at + 4);
            result[type] = at + 12;
            at += 12 + size;
        }
        return result;
    }
}

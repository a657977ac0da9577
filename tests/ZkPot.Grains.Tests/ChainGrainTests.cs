using System.Security.Cryptography;
using System.Text;
using ZkPot.Grains.Simulation;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Tests;

/// <summary>
/// A chain replica takes blocks only on a certificate of the validators its genesis commits to: a caller can no longer
/// name the validators a certificate is checked against, nor seed a chain with a genesis that hides its record.
/// </summary>
public sealed class ChainGrainTests
{
    static NodeIdentity Id(string name) => NodeIdentity.FromSeed(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    static readonly NodeIdentity[] Members = Enumerable.Range(0, 4).Select(i => Id($"member {i}")).ToArray();
    static readonly NodeIdentity[] Attackers = Enumerable.Range(0, 4).Select(i => Id($"attacker {i}")).ToArray();
    static readonly Hash32 Task = Hash32.Sha256("chain grain test task"u8);

    static byte[] Record(IEnumerable<NodeIdentity> validators) =>
        new GenesisRecord(Task, new Dictionary<string, string>(), new ValidatorSet(validators.Select(v => v.Public)), "test/v1", new Dictionary<string, string>()).Encode();

    static Block Genesis(byte[] record) =>
        Block.Assemble(Task, 0, Hash32.Sha256(record), 0, new InMemoryContentStore().Put([1]), Hash32.Zero, 0, 16, default, [], []);

    static Block Next(Block previous, IEnumerable<NodeIdentity> signers, string model = "m")
    {
        var block = Block.Assemble(Task, previous.Height + 1, previous.Hash, 0, new InMemoryContentStore().Put(Encoding.UTF8.GetBytes(model)), Hash32.Zero, 1, 16,
                                   Members[0].Id, [], []);
        return block.WithCertificate(QuorumCertificate.FromPrecommits(signers.Select(s => Vote.Create(Task, VoteKind.Precommit, block.Height, 0, block.Hash, s))));
    }

    [Fact]
    public async Task Blocks_are_taken_only_on_a_certificate_of_the_genesis_validators()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(1);
        var chain = cluster.Grains.GetGrain<IChainGrain>(Task.ToString());
        var record = Record(Members);
        var genesis = Genesis(record);
        // A genesis whose record is not the one it commits to is refused, and the chain stays empty.
        await Assert.ThrowsAsync<ArgumentException>(() => chain.Initialize(genesis.Encode(), Record(Attackers)));
        Assert.Equal(genesis.Hash.ToString(), await chain.Initialize(genesis.Encode(), record));

        // The attack: a block certified by four keys of the attacker's own. Against the attacker's own list (what a
        // caller-supplied validator list allowed) its certificate is sound; against the genesis set it is not.
        var forged = Next(genesis, Attackers);
        Assert.Null(forged.CommitProblem(new ValidatorSet(Attackers.Select(a => a.Public)), Ed25519Verifier.Instance));
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => chain.Append(forged.Encode()));
        Assert.Contains("block 1", refused.Message);
        Assert.Equal(0, await chain.Height());

        var honest = Next(genesis, Members[..3]);
        Assert.Equal(1, await chain.Append(honest.Encode()));
        Assert.Equal(1, await chain.Append(honest.Encode()));
        // A second block at a committed height, even with a valid certificate, is a fork: refused.
        await Assert.ThrowsAsync<InvalidOperationException>(() => chain.Append(Next(genesis, Members[..3], "other").Encode()));
        Assert.Equal(record, await chain.GenesisRecordBytes());
    }
}

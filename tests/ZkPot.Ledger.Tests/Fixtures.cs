using System.Security.Cryptography;
using System.Text;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Simulation;
using ZkPot.Ledger.Storage;

namespace ZkPot.Ledger.Tests;

/// <summary>Deterministic identities, task, stand-in proofs and hand-built chains shared by the tests.</summary>
static class Fixtures
{
    public const int Samples = 100;

    public static readonly Hash32 Task = Hash32.Sha256("test task"u8);

    public static readonly StandInProofVerifier Proofs = new(SHA256.HashData("test stand-in master key"u8));

    public static NodeIdentity Identity(int i) => NodeIdentity.FromSeed(SHA256.HashData(Encoding.ASCII.GetBytes($"test node {i}")));

    public static NodeIdentity[] Identities(int n) => Enumerable.Range(0, n).Select(Identity).ToArray();

    public static ValidatorSet Validators(NodeIdentity[] ids) => new(ids.Select(i => i.Public));

    public static Hash32 Commitment(NodeIdentity who, long round) => Hash32.Sha256(Encoding.ASCII.GetBytes($"weights {who.Id} {round}"));

    /// <summary>An honest claim: the proof attests exactly the stated count.</summary>
    public static AccuracyClaim Claim(NodeIdentity who, long round, int correct, Hash32? task = null)
    {
        var t = task ?? Task;
        var commitment = Commitment(who, round);
        byte[] proof = StandInProofVerifier.Prove(Proofs.ProverKeyFor(who.Id), t, round, who.Id, commitment, correct, Samples);
        return AccuracyClaim.Create(t, round, who, commitment, correct, Samples, proof);
    }

    public static ClaimVerifier ClaimVerifier => new(Proofs);

    /// <param name="record">The genesis record the block commits to (its previous-hash field); none leaves it zero.</param>
    public static Block Genesis(IContentStore store, GenesisRecord? record = null)
    {
        var model = SimAggregator.Store(store, [], new SimModel(0, 10, Samples, Hash32.Sha256("genesis"u8)), 10);
        return Block.Assemble(Task, 0, record?.Hash ?? Hash32.Zero, 0, model.ModelCid, model.ModelCommitment, model.GlobalCorrect, model.GlobalSamples, default, [], []);
    }

    /// <summary>A genesis record for the test task: these validators, the stand-in proofs (or another scheme and parameters).</summary>
    public static GenesisRecord Record(ValidatorSet validators, string? scheme = null, IReadOnlyDictionary<string, string>? parameters = null) =>
        new(Task, new Dictionary<string, string> { ["test_samples"] = Samples.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            validators, scheme ?? Proofs.Scheme, parameters ?? Proofs.Parameters);

    /// <summary>The next block over <paramref name="previous"/>, certified by the precommits of <paramref name="signers"/>.</summary>
    public static Block Certified(Block previous, IEnumerable<AccuracyClaim> claims, IEnumerable<EquivocationEvidence> evidence,
                                  NodeId leader, IEnumerable<NodeIdentity> signers, int view = 0)
    {
        var block = Unsigned(previous, claims, evidence, leader, view);
        return block.WithCertificate(Certificate(block, signers, view));
    }

    public static Block Unsigned(Block previous, IEnumerable<AccuracyClaim> claims, IEnumerable<EquivocationEvidence> evidence, NodeId leader, int view = 0)
    {
        long height = previous.Height + 1;
        var model = new InMemoryContentStore().Put(Encoding.ASCII.GetBytes($"model {height}"));
        return Block.Assemble(Task, height, previous.Hash, view, model, Hash32.Sha256("c"u8), 70, Samples, leader, claims, evidence);
    }

    public static QuorumCertificate Certificate(Block block, IEnumerable<NodeIdentity> signers, int view = 0) =>
        QuorumCertificate.FromPrecommits(signers.Select(s => Vote.Create(Task, VoteKind.Precommit, block.Height, view, block.Hash, s)));

    public static EquivocationEvidence DoubleVote(NodeIdentity who, long height, int view = 0) =>
        EquivocationEvidence.Of(Vote.Create(Task, VoteKind.Prevote, height, view, Hash32.Sha256("x"u8), who),
                                Vote.Create(Task, VoteKind.Prevote, height, view, Hash32.Sha256("y"u8), who));
}

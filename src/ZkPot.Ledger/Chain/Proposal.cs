using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Canonical;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Chain;

/// <summary>A leader's signed proposal of a block at one height and view.</summary>
/// <remarks>Encoding: statement (100 bytes, see <see cref="ProposalStatement"/>) | signature[64] | block without certificate.</remarks>
public sealed class Proposal
{
    public Proposal(ProposalStatement statement, byte[] signature, Block block)
    {
        if (signature.Length != Ed25519Verifier.SignatureSize) throw new ArgumentException($"signature has {signature.Length} bytes, expected 64", nameof(signature));
        Statement = statement;
        Signature = (byte[])signature.Clone();
        Block = block.Certificate is null ? block : new Block(block.Header, block.Claims, block.Evidence, null);
    }

    public static Proposal Create(Hash32 taskId, int view, int validView, Block block, NodeIdentity proposer)
    {
        var statement = new ProposalStatement(taskId, block.Height, view, validView, proposer.Id, block.Hash);
        return new Proposal(statement, proposer.Sign(DomainTag.Proposal, statement.Encode()), block);
    }

    public ProposalStatement Statement { get; }
    public byte[] Signature { get; }
    public Block Block { get; }

    public long Height => Statement.Height;
    public int View => Statement.View;
    public NodeId Proposer => Statement.Proposer;

    /// <summary>True when the proposer's signature is valid and the statement names this block.</summary>
    public bool VerifySignature(ValidatorSet validators, ISignatureVerifier verifier) =>
        Statement.BlockHash == Block.Hash && Statement.Height == Block.Height
        && validators.TryGet(Statement.Proposer, out var info)
        && verifier.Verify(info.SigningPublicKey, DomainTag.Proposal, Statement.Encode(), Signature);

    public byte[] Encode() => new CanonicalWriter().Fixed(Statement.Encode()).Fixed(Signature).Fixed(Block.Encode(includeCertificate: false)).ToArray();

    public static Proposal Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length < ProposalStatement.EncodedSize + 64) throw new InvalidDataException($"proposal: {data.Length} bytes is shorter than statement and signature");
        var statement = ProposalStatement.Decode(data[..ProposalStatement.EncodedSize]);
        byte[] signature = data.Slice(ProposalStatement.EncodedSize, 64).ToArray();
        var block = Block.Decode(data[(ProposalStatement.EncodedSize + 64)..]);
        return new Proposal(statement, signature, block);
    }
}

namespace ZkPot.Snark.Formats;

/// <summary>
/// Writes a Groth16 .zkey in snarkjs's layout, sections 1 to 10 in order as <c>snarkjs zkey contribute</c> leaves
/// them, so that snarkjs proves, verifies and exports from it, and re-writing a contributed key reproduces it byte
/// for byte; a commit-and-prove key adds sections 11-13 (<see cref="ZKeyCommitment"/>). Coefficients get snarkjs's R^2 scaling back (see <see cref="ZKeyCoefficient"/>).
/// </summary>
public static class ZKeyWriter
{
    public static void Write(ZKey zkey, string path)
    {
        ArgumentNullException.ThrowIfNull(zkey);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(zkey, stream);
    }

    public static void Write(ZKey zkey, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(zkey);
        var header = zkey.Header;
        var commitment = zkey.Commitment;
        var writer = BinaryFileWriter.Begin(stream, "zkey", 1, commitment is null ? ZKeyReader.ContributionsSection : ZKeyReader.SigmaBasesSection);

        writer.BeginSection(ZKeyReader.ProtocolSection, 4);
        writer.U32(ZKeyReader.Groth16Protocol);
        writer.EndSection();

        writer.BeginSection(ZKeyReader.HeaderSection, ZKeyReader.HeaderSize);
        Span<byte> modulus = stackalloc byte[FieldCodec.Size];
        writer.U32(ZKeyHeader.N8q);
        FieldCodec.WriteInteger(modulus, ZKeyHeader.Q);
        writer.Write(modulus);
        writer.U32(ZKeyHeader.N8r);
        FieldCodec.WriteInteger(modulus, ZKeyHeader.R);
        writer.Write(modulus);
        writer.U32((uint)header.NVars);
        writer.U32((uint)header.NPublic);
        writer.U32((uint)header.DomainSize);
        writer.Records([header.Alpha1, header.Beta1], PointCodec.G1Size, PointCodec.WriteG1);
        writer.Records([header.Beta2, header.Gamma2], PointCodec.G2Size, PointCodec.WriteG2);
        writer.Records([header.Delta1], PointCodec.G1Size, PointCodec.WriteG1);
        writer.Records([header.Delta2], PointCodec.G2Size, PointCodec.WriteG2);
        writer.EndSection();

        G1Section(writer, ZKeyReader.ICSection, zkey.IC);

        var coefficients = zkey.Coefficients;
        writer.BeginSection(ZKeyReader.CoefficientsSection, 4 + (long)coefficients.Length * ZKeyReader.CoefficientSize);
        writer.U32((uint)coefficients.Length);
        writer.Records(coefficients, ZKeyReader.CoefficientSize, static (Span<byte> d, in ZKeyCoefficient k) =>
        {
            BitConverter.TryWriteBytes(d, (uint)k.Matrix);
            BitConverter.TryWriteBytes(d[4..], k.Constraint);
            BitConverter.TryWriteBytes(d[8..], k.Signal);
            FieldCodec.WriteZKeyCoefficient(d[12..], k.Value);
        });
        writer.EndSection();

        G1Section(writer, ZKeyReader.ASection, zkey.A);
        G1Section(writer, ZKeyReader.B1Section, zkey.B1);
        writer.BeginSection(ZKeyReader.B2Section, (long)zkey.B2.Length * PointCodec.G2Size);
        writer.Records(zkey.B2, PointCodec.G2Size, PointCodec.WriteG2);
        writer.EndSection();
        G1Section(writer, ZKeyReader.CSection, zkey.C);
        G1Section(writer, ZKeyReader.HSection, zkey.H);

        var contributions = zkey.Contributions.Raw;
        writer.BeginSection(ZKeyReader.ContributionsSection, contributions.Length);
        writer.Write(contributions);
        writer.EndSection();
        if (commitment is not null)
        {
            writer.BeginSection(ZKeyReader.CommitmentSection, 4 + PointCodec.G2Size + 4 + (long)commitment.Contributions.Count * SigmaContribution.Size);
            writer.U32((uint)commitment.Count);
            writer.Records([commitment.Sigma2], PointCodec.G2Size, PointCodec.WriteG2);
            writer.U32((uint)commitment.Contributions.Count);
            foreach (var record in commitment.Contributions)
            {
                writer.Records([record.SigmaAfter, record.G1S, record.G1Sx], PointCodec.G1Size, PointCodec.WriteG1);
                writer.Records([record.G2Spx], PointCodec.G2Size, PointCodec.WriteG2);
                writer.Write(record.Transcript);
            }
            writer.EndSection();
            G1Section(writer, ZKeyReader.CommitmentBasesSection, commitment.Bases);
            G1Section(writer, ZKeyReader.SigmaBasesSection, commitment.SigmaBases);
        }
        writer.Finish();
    }

    static void G1Section(BinaryFileWriter writer, uint type, ReadOnlySpan<G1Affine> points)
    {
        writer.BeginSection(type, (long)points.Length * PointCodec.G1Size);
        writer.Records(points, PointCodec.G1Size, PointCodec.WriteG1);
        writer.EndSection();
    }
}

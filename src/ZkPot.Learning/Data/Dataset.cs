using System.Diagnostics;

namespace ZkPot.Learning;

/// <summary>Labelled 28x28 grey-scale images: one row of 784 pixel bytes and one label 0..9 per sample.</summary>
/// <remarks>
/// Immutable. Subsets and relabelled views share the pixel rows of their source, so partitioning the
/// 47 MB training set among participants copies no pixels.
/// </remarks>
public sealed class Dataset
{
    /// <summary>Pixels per image (28 x 28).</summary>
    public const int ImageSize = 784;

    /// <summary>Image side length in pixels.</summary>
    public const int ImageSide = 28;

    /// <summary>Number of classes; labels are 0..ClassCount-1.</summary>
    public const int ClassCount = 10;

    private readonly byte[][] _images;
    private readonly byte[] _labels;

    /// <summary>Builds a dataset from copies of the given rows and labels, checking every row and label.</summary>
    public Dataset(IReadOnlyList<byte[]> images, IReadOnlyList<byte> labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (images.Count != labels.Count)
        {
            throw new ArgumentException($"{images.Count} images but {labels.Count} labels.", nameof(labels));
        }
        var rows = new byte[images.Count][];
        var copiedLabels = new byte[labels.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            byte[]? row = images[i];
            if (row is null || row.Length != ImageSize)
            {
                throw new ArgumentException(
                    $"Image {i} has {row?.Length.ToString() ?? "no"} pixels; expected {ImageSize}.", nameof(images));
            }
            if (labels[i] >= ClassCount)
            {
                throw new ArgumentException($"Label {i} is {labels[i]}; expected 0..{ClassCount - 1}.", nameof(labels));
            }
            rows[i] = (byte[])row.Clone();
            copiedLabels[i] = labels[i];
        }
        _images = rows;
        _labels = copiedLabels;
    }

    /// <summary>Takes ownership of already checked arrays (loader, subsets).</summary>
    private Dataset(byte[][] images, byte[] labels, bool alreadyValidated)
    {
        Debug.Assert(alreadyValidated && images.Length == labels.Length);
        _images = images;
        _labels = labels;
    }

    /// <summary>Wraps arrays the caller has validated and will never mutate.</summary>
    internal static Dataset FromTrusted(byte[][] images, byte[] labels) => new(images, labels, true);

    /// <summary>Number of samples.</summary>
    public int Count => _labels.Length;

    /// <summary>All labels, in sample order.</summary>
    public ReadOnlySpan<byte> Labels => _labels;

    /// <summary>The 784 pixel bytes of sample <paramref name="index"/>, row-major.</summary>
    public ReadOnlySpan<byte> Image(int index) => _images[index];

    /// <summary>The label of sample <paramref name="index"/>.</summary>
    public byte Label(int index) => _labels[index];

    /// <summary>The samples at the given indices, in that order (rows shared, not copied).</summary>
    public Dataset Subset(ReadOnlySpan<int> indices)
    {
        var images = new byte[indices.Length][];
        var labels = new byte[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            int index = indices[k];
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(indices), $"Index {index} at position {k} is outside the dataset of {Count} samples.");
            }
            images[k] = _images[index];
            labels[k] = _labels[index];
        }
        return new Dataset(images, labels, true);
    }

    /// <summary>The first <paramref name="count"/> samples.</summary>
    public Dataset Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        return new Dataset(_images[..count], _labels[..count], true);
    }

    /// <summary>Same images with every label y replaced by <paramref name="mapping"/>[y]; mapping has 10 entries, each 0..9.</summary>
    public Dataset WithLabels(ReadOnlySpan<byte> mapping)
    {
        if (mapping.Length != ClassCount)
        {
            throw new ArgumentException($"Label mapping has {mapping.Length} entries; expected {ClassCount}.", nameof(mapping));
        }
        for (int c = 0; c < ClassCount; c++)
        {
            if (mapping[c] >= ClassCount)
            {
                throw new ArgumentException($"Label mapping sends {c} to {mapping[c]}; expected 0..{ClassCount - 1}.", nameof(mapping));
            }
        }
        var labels = new byte[Count];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = mapping[_labels[i]];
        }
        return new Dataset(_images, labels, true);
    }

    /// <summary>How many samples carry each label.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassCount];
        foreach (byte label in _labels)
        {
            counts[label]++;
        }
        return counts;
    }
}

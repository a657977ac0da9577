namespace ZkPot.Learning;

/// <summary>Widths of the LeNet-style CNN: two 5x5 convolution layers and two hidden fully connected layers.</summary>
public readonly record struct CnnShape(int Conv1Channels, int Conv2Channels, int Hidden1, int Hidden2)
{
    /// <summary>The classic LeNet-5 widths: 6 and 16 channels, 120 and 84 hidden units.</summary>
    public static CnnShape LeNet => new(6, 16, 120, 84);

    /// <summary>A narrower variant (4 and 8 channels, 64 and 32 units) that trains about three times faster.</summary>
    public static CnnShape Small => new(4, 8, 64, 32);

    /// <summary>Inputs of the first dense layer: Conv2Channels planes of 4x4 after the second pooling.</summary>
    public int FlattenedSize => Conv2Channels * 16;

    /// <summary>Total parameter count.</summary>
    public int ParameterCount =>
        Conv1Channels * 25 + Conv1Channels
        + Conv2Channels * Conv1Channels * 25 + Conv2Channels
        + FlattenedSize * Hidden1 + Hidden1
        + Hidden1 * Hidden2 + Hidden2
        + Hidden2 * Dataset.ClassCount + Dataset.ClassCount;

    /// <summary>Throws unless every width is positive.</summary>
    public void Validate()
    {
        if (Conv1Channels <= 0 || Conv2Channels <= 0 || Hidden1 <= 0 || Hidden2 <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(CnnShape), this.ToString(), "Every CNN width must be positive.");
        }
    }
}

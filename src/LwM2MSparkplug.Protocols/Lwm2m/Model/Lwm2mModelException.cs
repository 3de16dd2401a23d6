namespace LwM2MSparkplug.Protocols.Lwm2m.Model;

/// <summary>An object definition that cannot be read; the message names the source (a file) and what is wrong.</summary>
public sealed class Lwm2mModelException : Exception
{
    public Lwm2mModelException()
    {
    }

    public Lwm2mModelException(string message)
        : base(message)
    {
    }

    public Lwm2mModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public Lwm2mModelException(string source, string problem, Exception? innerException = null)
        : base($"{source}: {problem}", innerException)
    {
    }
}

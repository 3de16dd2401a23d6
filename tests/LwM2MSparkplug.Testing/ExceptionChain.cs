namespace LwM2MSparkplug.Testing;

/// <summary>An exception and its inner exceptions, outermost first: MQTTnet wraps what a channel or TLS threw.</summary>
public static class ExceptionChain
{
    public static IEnumerable<Exception> Of(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}

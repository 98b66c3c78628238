namespace Gateway.Hosting.Options;

/// <summary>A configuration problem found before the host starts; its message tells the operator what to set.</summary>
internal sealed class GatewayStartupException(string message) : Exception(message);

using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.RequestPath.Proxy;

/// <summary>Puts <see cref="PrivateCaching"/> on every route's responses.</summary>
internal sealed class PrivateCachingTransformProvider : ITransformProvider
{
    private static readonly PrivateCaching Transform = new();

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context) => context.ResponseTransforms.Add(Transform);
}

namespace ProductOps.Skills.Tests.TestKit;

/// <summary>
/// The smallest service provider the router needs: registered instances by type, and handlers built
/// on demand through their one public constructor from those instances.
/// </summary>
public sealed class ServiceMap : IServiceProvider
{
    private readonly Dictionary<Type, object> _services = [];

    public ServiceMap Add<T>(T service)
        where T : notnull
    {
        _services[typeof(T)] = service;
        return this;
    }

    /// <summary>A registered service, typed.</summary>
    public T Get<T>()
        where T : notnull => (T)_services[typeof(T)];

    public object? GetService(Type serviceType)
    {
        if (_services.TryGetValue(serviceType, out var service))
        {
            return service;
        }

        if (serviceType.IsInterface || serviceType.IsAbstract)
        {
            return null;
        }

        var constructor = serviceType.GetConstructors().Single();
        var arguments = constructor.GetParameters()
            .Select(p => GetService(p.ParameterType) ?? throw new InvalidOperationException($"{serviceType.Name} needs a {p.ParameterType.Name}; add one to the test chat."))
            .ToArray();
        return constructor.Invoke(arguments);
    }
}

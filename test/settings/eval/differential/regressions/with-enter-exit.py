class Ctx:
    def __enter__(self):
        return 41
    def __exit__(self, *exc):
        return True
with Ctx() as ctx:
    V1 = ctx + 1
    raise ValueError('swallowed')
V2 = 'after'

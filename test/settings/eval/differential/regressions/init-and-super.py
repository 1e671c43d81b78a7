class B1:
    X = 1
    def __init__(self, v=3):
        self.v = v
    def total(self):
        return self.v + self.X
class C1(B1):
    X = 10
    def total(self):
        return super().total() * 10
V1 = C1(4).total()
V2 = C1().v
V3 = B1(2).total()

# Explicit-Euler reference of the single VO2 thermal neuristor (physics.md 3.3), written for this project from
# the published equations. Usage: /usr/bin/python3 vo2_euler_reference.py DT_NS VIN...  prints f (MHz).
# Results (2026-11-28): dt=1 ns: 13.44 V -> 0.38969 MHz, 15.5 V -> 0.58377 MHz; dt=0.2 ns: 15.5 V -> 0 (quiescent).
import math, sys
w=7.19357064; Tc=332.805839; beta=0.252796285; R0=5.35882879e-3; Ea=5220.47417; gamma=0.956269682; Rm=262.5*4.90025335
C=145.34619293; Cth=49.62776831; Sth=0.20558726; Tb=325.0; R=12.0
def P(x): return 0.5*(1-math.sin(gamma*x))*(1+math.tanh(math.pi**2-2*math.pi*x))
def run(V, dt, tmax=150e3):
    st=dict(delta=1.0, rev=0.0)
    T0=Tb-0.1
    def gmaj(T): return 0.5+0.5*math.tanh(beta*(st['delta']*w/2+Tc-T))
    st['gr']=gmaj(T0); st['Tr']=T0
    def tpr(): return st['delta']*w/2+Tc-math.atanh(2*st['gr']-1)/beta-st['Tr']
    st['Tpr']=tpr(); st['Tl']=T0
    def g(T):
        Tp=st['Tpr']*P((T-st['Tr'])/(st['Tpr']+1e-6))*st['rev']
        return 0.5+0.5*math.tanh(beta*(st['delta']*w/2+Tc-(T+Tp)))
    def Rf(T):
        T=min(max(T,305),370); return (R0*math.exp(Ea/T)*g(T)+Rm)/1000
    V1=0.0; T=Tb; t=0.0; n=int(tmax/dt); cross=[]; prev=T
    Ts=[]
    for i in range(n):
        Tcl=min(max(T,305),370); dT=Tcl-st['Tl']
        if abs(dT)>0.01:
            d=math.copysign(1,dT)
            if d!=st['delta']:
                st['gr']=g(Tcl); st['delta']=d; st['rev']=1; st['Tr']=Tcl; st['Tpr']=tpr()
            st['Tl']=Tcl
        r=Rf(T); I=V1/r
        dV=V/(R*C)-V1/(R*C)-V1/(r*C); dTT=(I*I*r-Sth*(T-Tb))/Cth
        V1+=dV*dt; T+=dTT*dt; t+=dt
        if t>40e3: Ts.append((t,T))
    lo=min(x[1] for x in Ts); hi=max(x[1] for x in Ts)
    if hi-lo<2: return 0.0
    lev=(lo+hi)/2; c=[]
    for (a,b) in zip(Ts,Ts[1:]):
        if a[1]<lev<=b[1]: c.append(a[0]+(lev-a[1])/(b[1]-a[1])*(b[0]-a[0]))
    return (len(c)-1)/(c[-1]-c[0])*1e3
for V in map(float, sys.argv[2:]):
    print(V, sys.argv[1], run(V, float(sys.argv[1])))

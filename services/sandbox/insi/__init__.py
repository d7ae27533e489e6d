"""INSi téléservice simulator (PROTOCOLS.md §2, refusals §8), served at `/lps` with mutual TLS.

Operations: search by traits (`RECSANSVITALE`), by carte Vitale (`RECVITALE`), verification
(`IndividuVerifie`). Refusals are SOAP 1.2 Faults whose codes are listed in `faults.py`. An injected
`soap_fault` (sandbox fault plan) answers `siram_40`/`insi_102` after the request was read.

Population (`population.py`): 15 fixed persons (matricule = 13 characters + key), then 300 generated
ones (seed 20240417), all with OID `1.2.250.1.213.1.4.10`: homonyms, compound names, several first
names, births abroad, NIA, partial dates.

- `285037505612306` DUPONT ELODIE MARIE, F, 1985-03-14, 75056: plain `00`; `MARIE` (2nd first name) too.
- `162116912305714` MARTIN JEAN-PIERRE LOUIS, M, 1962-11-02, 69123: compound first name; found on `LOUIS`.
- `290063306321064` LEROY CAMILLE, F, 1990-06-21, 33063 and `290065935008889` the same traits born in 59350:
  homonyms, `02` without `LieuNaissance`, `00` with it.
- `284053523804157` BERNARD SOPHIE CLAIRE, F, 1984-05-12, 35238: insured person of the twins' carte Vitale.
- `115093523830191` BERNARD LUCAS NOAH and `115093523830290` BERNARD HUGO NOAH, M, 2015-09-09, 35238: twins,
  ranks 1 and 2 on card 2840535238041; `Prenom` `NOAH` gives `02`, the whole list `LUCAS NOAH` `00`.
- `278049934101703` N'DIAYE AMINATA, F, 1978-04-30, 99341 (Sénégal): matricule changed, `INSHISTO` = NIA
  `278049934190288`, 1998-02-03 → 2001-06-30.
- `158209913945524` DA SILVA JOAO MANUEL, M, 1958-00-00, 99139 (Portugal): partial date, pseudo-month 20.
- `271072A00400962` DE LA FONTAINE-D'ARTOIS ANNE-SOPHIE, F, 1971-07-08, 2A004: Corsica (2A key).
- `149012B03361434` SANTONI PAUL-ANTOINE JOSEPH, M, 1949-01-25, 2B033: Corsica (2B key).
- `295019912273329` KOWALSKI ANNA, F, 1995-01-17, 99122 (Pologne): a NIA (`TypeMatricule` NIA, test OID).
- MOREAU JEAN PAUL, MOREAU JEAN and MOREAU PAUL, M, 1975-04-18, 44109: `JEAN` and `PAUL` give `02`, the
  whole list `JEAN PAUL` gives `00` (the first one).

Anyone else (e.g. `INCONNU`) gives `01`. A `Prenom` holding several names (the client's last call, §2.0)
matches only the whole list of birth first names, in order. Answers carry `ListePrenom` and no `Prenom` in
`TIQ`, as the qualification platform's do.
"""

from __future__ import annotations

from starlette.types import ASGIApp

from services.sandbox.context import SimulatorContext
from services.sandbox.insi.app import create_insi_app
from services.sandbox.insi.population import build_population

NAME = "insi"
MOUNT = "/lps"
MUTUAL_TLS = True


def create_app(ctx: SimulatorContext) -> ASGIApp:
    """The population is generated, not stored: `ctx.data_dir` stays unused."""
    return create_insi_app(build_population())
